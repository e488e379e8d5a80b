#!/usr/bin/env python3
"""Multi-wish test messages from a labelled test file.

Joins a short message that needs no answer of its own (an acknowledgement,
a greeting, thanks, a bare fact, an order confirmation, a postponement) to
a message of another intent, labelled with the latter, the way customers
write "好的，能便宜点吗". The joins come from the test file only, so that
the result measures the default model on messages it was not trained on.

    bench/compound_messages.py tests/data/intent_realistic.tsv tests/data/intent_compound.tsv
"""
import random
import sys

LEADS = {"affirm", "greeting", "thanks", "order_confirm", "inform", "hesitate"}
NOT_A_WISH = LEADS | {"other", "goodbye", "deny"}
SEPARATORS = ["，", " ", "", "，", "。", "!"]


def main(source, target, count=600, seed=7):
    with open(source, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    leads = [r for r in rows if r[0] in LEADS and len(r[1]) <= 10]
    wishes = [r for r in rows if r[0] not in NOT_A_WISH]
    rng = random.Random(seed)
    with open(target, "w", encoding="utf-8") as out:
        out.write("label\ttext\n")
        for _ in range(count):
            lead, wish = rng.choice(leads), rng.choice(wishes)
            out.write(f"{wish[0]}\t{lead[1]}{rng.choice(SEPARATORS)}{wish[1]}\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
