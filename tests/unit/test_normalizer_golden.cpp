// Every line of tests/golden/normalize.tsv: the input normalises to exactly
// the expected text.
#include <gtest/gtest.h>

#include "golden.hpp"
#include "text/normalizer.hpp"

namespace {

TEST(NormalizerGolden, EveryCaseMatches) {
    const auto cases = kefu::test::read_golden("normalize.tsv");
    ASSERT_GE(cases.size(), 60u);
    for (const auto& c : cases) {
        EXPECT_EQ(kefu::detail::text::normalize_to_string(c.input), c.expected)
            << "tests/golden/normalize.tsv:" << c.line;
    }
}

}  // namespace
