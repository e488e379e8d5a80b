#include "rule_generator.hpp"

#include <random>
#include <string>

#include "chat_corpus.hpp"

namespace kefu::bench {
namespace {

constexpr std::size_t relevant_rules = 50;

std::string random_han(std::mt19937& rng, std::size_t length) {
    std::uniform_int_distribution<int> cp(0x4E00, 0x4E00 + 3000);  // frequent ideographs
    std::string out;
    for (std::size_t i = 0; i < length; ++i) {
        const auto c = static_cast<char32_t>(cp(rng));
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
    return out;
}

// A two-character slice of a corpus message (3 bytes per Han character).
std::string corpus_slice(std::mt19937& rng) {
    const auto& messages = chat_messages();
    for (;;) {
        const std::string& m = messages[rng() % messages.size()];
        if (m.size() < 6) continue;
        const std::size_t at = (rng() % (m.size() / 3 - 1)) * 3;
        const std::string s = m.substr(at, 6);
        const auto b0 = static_cast<unsigned char>(s[0]), b3 = static_cast<unsigned char>(s[3]);
        if ((b0 & 0xF0) == 0xE0 && (b3 & 0xF0) == 0xE0) return s;
    }
}

}  // namespace

std::string generated_rules(std::size_t count, unsigned seed) {
    std::mt19937 rng(seed);
    std::string out;
    for (int i = 0; i < 8; ++i) out += "intent g" + std::to_string(i) + "\n";
    std::uniform_int_distribution<int> kind(0, 99), length(2, 5);
    for (std::size_t r = 0; r < count; ++r) {
        const std::string intent = "g" + std::to_string(r % 8);
        const int k = kind(rng);
        std::string pattern;
        if (r < relevant_rules) pattern = corpus_slice(rng);
        else if (k < 75) pattern = random_han(rng, static_cast<std::size_t>(length(rng)));
        else if (k < 95) pattern = random_han(rng, 2) + " {0,4} " + random_han(rng, 2);
        else pattern = "^ " + random_han(rng, 2);
        out += "rule " + intent + ": " + pattern + "\n";
    }
    return out;
}

}  // namespace kefu::bench
