"""The Python bindings against libkefu: every call, and the errors."""
import threading
import time

import pytest

import kefu


def test_version_is_the_library_version():
    assert kefu.version() == "0.1.0"


def test_normalize_maps_back_to_the_input_bytes():
    n = kefu.normalize("我要退貨！！！")
    assert n.text == "我要退货!"
    assert [c.char for c in n.chars] == ["我", "要", "退", "货", "!"]
    assert (n.chars[-1].repeat, n.chars[-1].source_start, n.chars[-1].source_end) == (3, 12, 21)


def test_strict_utf8_raises_with_the_library_message():
    bad = b"a\xffb".decode("utf-8", "surrogateescape")
    assert kefu.normalize(bad).text == "a\ufffdb"
    with pytest.raises(kefu.KefuError) as e:
        kefu.normalize(bad, strict_utf8=True)
    assert e.value.name == "KEFU_EUTF8"
    assert "byte 1" in e.value.message


def test_default_model_classifies_and_ranks():
    model = kefu.Model.default()
    assert len(model.intents) >= 33 and model.out_of_scope_label == "other"
    result = model.classify("我要退貨")
    assert result.intent == "return" and not result.out_of_scope
    assert 0.0 < result.confidence <= 1.0
    assert result.ranking[0].intent == "return"


def test_rule_hits_carry_byte_and_string_spans():
    model = kefu.Model.compile({"shop.kefu": "intent bargain\nrule bargain cheaper: 能 {0,3} 便宜\n"})
    result = model.classify("亲 能便宜点吗")
    assert result.intent == "bargain"
    (hit,) = result.hits
    assert (hit.rule, hit.start, hit.end, hit.span) == ("cheaper", 4, 13, (2, 5))


def test_classify_json_is_the_cli_line():
    line = kefu.Model.default().classify_json("能便宜点吗", explain=True)
    assert {"text", "intent", "confidence", "out_of_scope", "ranking", "explain"} <= set(line)


def test_compile_error_names_file_line_and_column():
    with pytest.raises(kefu.KefuError) as e:
        kefu.Model.compile({"bad.kefu": "intent a\nrule a: (便宜 | 优惠\n"})
    assert (e.value.name, e.value.file, e.value.line, e.value.column) == ("KEFU_EPARSE", "bad.kefu", 2, 17)


def test_shop_rules_on_top_of_the_default_model():
    shop = kefu.Model.compile({"shop.kefu": "intent shop_hours\nrule shop_hours: 几点 {0,2} 开门\n"},
                              base=kefu.Model.default())
    assert shop.classify("你们几点开门啊").intent == "shop_hours"
    assert shop.classify("我要退貨").intent == "return"


def test_train_save_and_load(tmp_path):
    data = [("greet", t) for t in ("hello there", "hi friend", "good morning", "hey there", "hello hello")]
    data += [("bye", t) for t in ("goodbye now", "see you later", "bye bye", "farewell friend", "see you soon")]
    model = kefu.Model.train(data, epochs=30, holdout=0.0)
    assert model.classify("hello").intent == "greet"
    assert model.info()["learned"]["training_examples"] == 10
    path = tmp_path / "tiny.kfm"
    model.save(str(path))
    assert kefu.Model.load(str(path)).classify("see you").intent == "bye"


def test_train_with_composed_multi_wish_examples():
    data = [("ack", t) for t in ("ok", "sure", "fine", "alright")]
    data += [("price", t) for t in ("how much is it", "what does it cost", "price please", "how much")]
    data += [("ship", t) for t in ("when will it ship", "ship today", "when does it arrive", "shipping date")]
    model = kefu.Model.train(data, epochs=30, holdout=0.0, compose_leads=["ack"], compose_ratio=2.0)
    assert model.info()["learned"]["composed_examples"] == 24
    assert model.classify("ok how much is it").intent == "price"
    with pytest.raises(kefu.KefuError) as e:
        kefu.Model.train(data, compose_leads=["nobody"], compose_ratio=1.0)
    assert e.value.name == "KEFU_EINVAL"


def test_train_model_size_options():
    data = [("price", t) for t in ("how much is it", "what does it cost", "price please", "how much")]
    data += [("ship", t) for t in ("when will it ship", "ship today", "when does it arrive", "shipping date")]
    full = kefu.Model.train(data, epochs=30, holdout=0.0, prune_below=0.0)
    smaller = kefu.Model.train(data, epochs=30, holdout=0.0, min_document_frequency=2, prune_below=0.5)
    assert smaller.info()["learned"]["features"] < full.info()["learned"]["features"]
    assert smaller.info()["learned"]["weights"] < full.info()["learned"]["weights"]
    assert smaller.classify("how much").intent == "price"
    chinese = [("price", t) for t in ("这个多少钱", "价格是多少", "多少钱一件")]
    chinese += [("ship", t) for t in ("什么时候发货", "今天发货吗", "几号能发货")]
    plain = kefu.Model.train(chinese, epochs=30, holdout=0.0)
    words = kefu.Model.train(chinese, epochs=30, holdout=0.0, chinese_words=True)
    assert words.info()["learned"]["features"] > plain.info()["learned"]["features"]
    no_pinyin = kefu.Model.train(chinese, epochs=30, holdout=0.0, pinyin=False)
    assert no_pinyin.info()["learned"]["features"] != plain.info()["learned"]["features"]
    assert no_pinyin.classify("什么时候发货").intent == "ship"
    assert plain.classify("什么时候发或").intent == "ship"  # 或 for 货: both huo
    orders = [("urge", t) for t in ("催一下 1703120519384042534", "快点发 订单2856120519384042999")]
    orders += [("price", t) for t in ("多少钱 123", "价格多少 45")]
    folded = kefu.Model.train(orders, epochs=30, holdout=0.0)
    unfolded = kefu.Model.train(orders, epochs=30, holdout=0.0, fold_digits=False)
    assert folded.info()["learned"]["features"] < unfolded.info()["learned"]["features"]
    assert folded.classify("订单3311220519384042777").intent == "urge"  # an order number by its shape
    english = [("price", t) for t in ("how much is it", "what does it cost")]
    english += [("ship", t) for t in ("when will it ship", "ship it today")]
    from_three = kefu.Model.train(english, epochs=30, holdout=0.0)
    every_letter = kefu.Model.train(english, epochs=30, holdout=0.0, latin_ngram_min=1)
    assert from_three.info()["learned"]["features"] < every_letter.info()["learned"]["features"]
    assert from_three.info()["learned"]["feature_settings"]["latin_ngram_min"] == 3
    assert every_letter.info()["learned"]["feature_settings"]["latin_ngram_min"] == 1
    assert every_letter.info()["learned"]["feature_settings"]["char_ngrams"] == [1, 4]
    assert folded.info()["learned"]["feature_settings"]["fold_digits"] is True
    assert unfolded.info()["learned"]["feature_settings"]["fold_digits"] is False
    assert from_three.classify("how much does it cost").intent == "price"
    with pytest.raises(kefu.KefuError) as e:
        kefu.Model.train(data, min_document_frequency=0)
    assert e.value.name == "KEFU_EINVAL"


def _price_and_ship_data():
    """56 examples: enough for a held-out share, so training makes its choice of setting."""
    tails = ("", " now", " please", "?", " friend", " ok", " thanks")
    data = [("price", t + tail) for t in ("how much is it", "what does it cost", "price please", "how much")
            for tail in tails]
    data += [("ship", t + tail) for t in ("when will it ship", "ship today", "when does it arrive", "shipping date")
             for tail in tails]
    return data


def test_train_out_of_scope_budget_and_regularisation():
    data = _price_and_ship_data()
    # With and without the choice of setting, on a held-out share of 56.
    fixed = kefu.Model.train(data, epochs=10, select_regularisation=False, max_in_scope_loss=0.0)
    chosen = kefu.Model.train(data, epochs=10)
    for model in (fixed, chosen):
        assert model.classify("when will it ship").intent == "ship"
        assert model.classify("how much is it").intent == "price"
    assert fixed.info()["learned"]["calibration_examples"] > 0
    with pytest.raises(kefu.KefuError) as e:
        kefu.Model.train(data, max_in_scope_loss=1.5)
    assert e.value.name == "KEFU_EINVAL"


def test_train_threads_change_nothing(tmp_path):
    data = _price_and_ship_data()
    saved = []
    for threads in (1, 2):
        path = tmp_path / f"threads{threads}.kfm"
        kefu.Model.train(data, epochs=10, threads=threads).save(str(path))
        saved.append(path.read_bytes())
    assert saved[0] == saved[1]
    with pytest.raises(kefu.KefuError) as e:
        kefu.Model.train(data, threads=300)
    assert e.value.name == "KEFU_EINVAL"


def test_load_errors():
    with pytest.raises(kefu.KefuError) as e:
        kefu.Model.load("/nonexistent/model.kfm")
    assert e.value.name == "KEFU_EIO"
    with pytest.raises(kefu.KefuError) as e:
        kefu.Model.train([])
    assert e.value.name == "KEFU_EINVAL"


def test_eight_threads_share_one_model():
    """ctypes releases the GIL during library calls: threads sharing one
    model run in parallel and agree with a single thread. The speed-up is
    reported, not asserted (speed belongs in benchmarks)."""
    model = kefu.Model.default()
    messages = ["在吗", "能便宜点吗", "什么时候发货", "我要退貨", "质量太差了", "谢谢亲"] * 200
    expected = [model.classify(m).intent for m in messages]

    def work(out, index):
        out[index] = [model.classify(m).intent for m in messages]

    start = time.perf_counter()
    work([None], 0)
    one = time.perf_counter() - start
    results = [None] * 8
    threads = [threading.Thread(target=work, args=(results, i)) for i in range(8)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    eight = time.perf_counter() - start
    assert all(r == expected for r in results)
    print(f"\n8 threads: {8 * len(messages)} messages in {eight:.3f}s; 1 thread: {len(messages)} in {one:.3f}s; "
          f"speed-up {8 * one / eight:.2f}x")


def test_entities_are_typed_with_spans_and_resolved_times():
    found = kefu.extract_entities("亲 便宜二十块，明天能发顺丰吗", now="2026-11-18T14:30:00+08:00")
    assert [e.type for e in found] == ["discount", "time", "courier"]
    discount, when, courier = found
    assert (discount.kind, discount.value, discount.text, discount.span) == ("amount_off", 20.0, "便宜二十块", (2, 7))
    assert when.time.isoformat() == "2026-11-19T00:00:00+08:00" and when.grain == "day"
    assert courier.canonical == "sf"


def test_entities_without_clock_and_with_aware_datetime():
    assert kefu.extract_entities("明天能到吗")[0].time is None
    import datetime
    zone = datetime.timezone(datetime.timedelta(hours=8))
    found = kefu.extract_entities("下周一之前能到吗", now=datetime.datetime(2026, 11, 22, 10, 0, tzinfo=zone))
    assert found[0].time.date().isoformat() == "2026-11-23" and found[0].relation == "before"
    with pytest.raises(ValueError):
        kefu.extract_entities("明天", now=datetime.datetime(2026, 11, 22))


def test_masked_placeholders_are_entities_without_values():
    found = kefu.extract_entities("订单号[订单号x] 退我[金额x] 或 50-80元")
    assert [(e.type, e.masked, e.value, e.canonical) for e in found] == [
        ("order_number", True, None, ""), ("money", True, None, ""), ("money", False, None, "")]
    assert not kefu.extract_entities("电话13812345678")[0].masked


def test_classification_carries_entities():
    result = kefu.Model.default().classify("订单号3928475610293847561，电话13812345678")
    assert [(e.type, e.canonical) for e in result.entities] == [
        ("order_number", "3928475610293847561"), ("phone", "13812345678")]
    assert kefu.Model.default().classify_json("59元包邮吗")["entities"][0]["value"] == 59


def test_time_parse_errors_raise():
    assert kefu.parse_time("2026-11-22T10:00:00+08:00") == (1795312800000, 480)
    assert kefu.format_time(1795312800000, 480) == "2026-11-22T10:00:00+08:00"
    with pytest.raises(kefu.KefuError) as e:
        kefu.parse_time("yesterday")
    assert e.value.name == "KEFU_EINVAL"


def test_classification_carries_the_mood():
    result = kefu.Model.default().classify("你们这什么破服务，我要投诉")
    assert result.mood is not None and result.mood.anger > 0.5 and result.mood.polarity < 0
    assert abs(result.mood.anger + result.mood.anxiety + result.mood.satisfaction + result.mood.neutral - 1) < 1e-3


def test_lint_reports_rules_with_spans():
    findings = kefu.lint("没有", customer="这款还有白色的吗", intents=["stock"])
    assert [f.rule for f in findings] == ["blunt_negative"]
    assert findings[0].span == (0, 2) and findings[0].severity == "warning" and findings[0].suggestion
    angry = kefu.lint("快递摔的，你找快递去", customer="收到的杯子是碎的", mood="angry", intents=["quality_issue"])
    assert "missing_apology" in {f.rule for f in angry}
    assert kefu.lint("您好，在的呢，请问有什么可以帮您的呀？") == ()
    with pytest.raises(kefu.KefuError):
        kefu.lint("好", mood="furious")


def test_profiler_builds_a_profile_with_evidence():
    p = kefu.Profiler(kefu.Model.default())
    p.event({"type": "message", "time": "2026-11-22T10:00:00+08:00", "text": "别家才卖39 你这卖59？便宜点"})
    p.event({"type": "agent_reply", "time": "2026-11-22T10:00:30+08:00", "text": "亲，这款是正品哦"})
    p.event({"type": "message", "time": "2026-11-22T10:00:40+08:00", "text": "有券吗 满减呢 再便宜10块"})
    assert p.top("behaviour") == "price_driven"
    score, confidence = p.score("price_driven")
    assert 0 < score <= 1 and 0 < confidence <= 1
    profile = p.to_dict()
    assert "→ price_driven" in profile["behaviour"]["price_driven"]["because"]
    with pytest.raises(kefu.KefuError) as e:
        p.event({"type": "message", "text": "no time"})
    assert e.value.name == "KEFU_EPARSE"


def test_session_steps_snapshots_and_restores():
    model = kefu.Model.default()
    s = kefu.Session(model, "c1")
    out = s.step({"type": "message", "time": "2026-11-22T10:00:00+08:00", "text": "我要退貨"})
    assert out["intent"] == "return" and out["session"] == "c1"
    blob = s.snapshot()
    restored = kefu.Session.restore(model, blob)
    assert restored.snapshot() == blob
    reply = {"type": "agent_reply", "time": "2026-11-22T10:01:00+08:00", "text": "不行"}
    assert s.step(reply) == restored.step(reply)
    with pytest.raises(kefu.KefuError) as e:
        kefu.Session.restore(model, blob[:-5])
    assert e.value.name == "KEFU_ECORRUPT"


def test_session_flows_policies_and_timers():
    model = kefu.Model.default()
    s = kefu.Session(model, "b1")
    with pytest.raises(kefu.KefuError) as e:
        s.set_policies({"bargaining": {"list_price": "cheap"}})
    assert e.value.name == "KEFU_EINVAL"
    s.set_policies({"bargaining": {"list_price": 99, "floor_price": 89}})
    s.step({"type": "message", "time": "2026-11-22T10:00:00+08:00", "text": "这个多少钱"})
    out = s.step({"type": "message", "time": "2026-11-22T10:01:00+08:00", "text": "不便宜就不要了"})
    assert out["flows"] == {"bargaining": "ultimatum"}
    offers = [a for a in out["actions"] if a["type"] == "offer"]
    assert offers and offers[0]["price"] == 94 and offers[0]["price"] >= 89
    deadline = s.next_deadline()
    assert deadline is not None
    # Restored mid-flow, the silence timer fires once in each copy.
    restored = kefu.Session.restore(model, s.snapshot())
    fired = s.advance(deadline)
    assert [line["timer"] for line in fired] == ["silence"]
    assert restored.advance(deadline) == fired
    assert s.advance(deadline + 3_600_000) == []
    assert s.next_deadline() is None
    audit = s.flows()["audit"]
    assert [entry["to"] for entry in audit] == ["value", "ultimatum", "lost"]


def test_templates_render_and_flow_names():
    model = kefu.Model.default()
    assert model.flow_names() == ["aftersale_retention", "bargaining", "complaint", "late_shipment",
                                  "payment_followup"]
    out = model.render_template("late_shipment.notice", style="warm",
                                slots={"new_date": "2026-11-25T18:00:00+08:00", "coupon": 5})
    assert "11月25日 18:00" in out["text"] and out["style"] == "warm"
    with pytest.raises(kefu.KefuError) as e:
        model.render_template("no.such.key")
    assert e.value.name == "KEFU_ENOTFOUND"
    with pytest.raises(kefu.KefuError) as e:
        model.render_template("payment.sms", slots={"amount": "lots"})
    assert e.value.name == "KEFU_EINVAL"
