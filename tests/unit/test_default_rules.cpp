// The default rules shipped in data/rules: they compile, and every `example`
// they declare is classified as its intent by the rules alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/model.hpp"

namespace {

using kefu::detail::model::compiled_model;

std::vector<kefu::detail::model::source_file> default_rule_files() {
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(KEFU_SOURCE_DIR) + "/data/rules"))
        if (entry.path().extension() == ".kefu") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    std::vector<kefu::detail::model::source_file> files;
    for (const auto& p : paths) {
        std::ifstream in(p);
        std::ostringstream text;
        text << in.rdbuf();
        files.push_back({p.filename().string(), text.str()});
    }
    return files;
}

TEST(DefaultRules, EveryExampleIsClassifiedAsItsIntent) {
    const auto model = compiled_model::compile(default_rule_files());
    const auto& rules = model->rules();
    ASSERT_GE(rules.intents.size(), 33u);
    ASSERT_GE(rules.examples.size(), 5u * 32u) << "at least 5 examples per intent (other excepted)";
    kefu::detail::intent::classify_scratch scratch;
    kefu::detail::intent::classification result;
    std::size_t wrong = 0;
    for (const auto& example : rules.examples) {
        kefu::detail::text::normalize(example.text, {}, scratch.text);
        model->classify(scratch.text, scratch, result);
        if (result.intent != example.intent) {
            ++wrong;
            ADD_FAILURE() << example.location << ": \"" << example.text << "\" is "
                          << rules.intents[result.intent].name << ", expected " << rules.intents[example.intent].name;
        }
    }
    EXPECT_EQ(wrong, 0u);
}

TEST(DefaultRules, EveryContractIntentHasRulesAndExamples) {
    const auto model = compiled_model::compile(default_rule_files());
    const auto& rules = model->rules();
    for (std::uint32_t i = 0; i < rules.intents.size(); ++i) {
        if (rules.intents[i].name == "other") continue;
        const auto has_rule = std::any_of(rules.rules.begin(), rules.rules.end(), [&](const auto& r) { return r.intent == i; });
        const auto examples = std::count_if(rules.examples.begin(), rules.examples.end(),
                                            [&](const auto& e) { return e.intent == i; });
        EXPECT_TRUE(has_rule) << rules.intents[i].name;
        EXPECT_GE(examples, 5) << rules.intents[i].name;
    }
}

}  // namespace
