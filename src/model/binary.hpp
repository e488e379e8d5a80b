// Little binary encoding for model files: a writer that appends, and a reader
// that checks every bound and reports damage as KEFU_ECORRUPT (a model file
// may come from anywhere; reading it must never crash).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/iso_time.hpp"
#include "core/utf8.hpp"
#include "kefu/error.hpp"
#include "kefu/kefu.h"

namespace kefu::detail::model {

class writer {
public:
    template <typename T>
    void pod(const T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        buffer_.append(reinterpret_cast<const char*>(&value), sizeof value);
    }
    void u32(std::uint32_t v) { pod(v); }
    void i32(std::int32_t v) { pod(v); }
    void u64(std::uint64_t v) { pod(v); }
    void f32(float v) { pod(v); }
    void bytes(std::string_view s) {
        u64(s.size());
        buffer_.append(s);
    }
    void str(std::string_view s) { bytes(s); }
    void u32str(std::u32string_view s) {
        u64(s.size());
        buffer_.append(reinterpret_cast<const char*>(s.data()), s.size() * sizeof(char32_t));
    }
    template <typename T>
    void vec(const std::vector<T>& v) {
        vec(v.data(), v.size());
    }
    // The first n elements, read back as a vector of n.
    template <typename T>
    void vec(const T* data, std::size_t n) {
        static_assert(std::is_trivially_copyable_v<T>);
        u64(n);
        buffer_.append(reinterpret_cast<const char*>(data), n * sizeof(T));
    }
    const std::string& data() const noexcept { return buffer_; }
    std::string take() && { return std::move(buffer_); }

private:
    std::string buffer_;
};

class reader {
public:
    explicit reader(std::string_view data) : data_(data) {}

    template <typename T>
    T pod() {
        static_assert(std::is_trivially_copyable_v<T>);
        need(sizeof(T));
        T value;
        std::memcpy(&value, data_.data() + pos_, sizeof value);
        pos_ += sizeof value;
        return value;
    }
    std::uint32_t u32() { return pod<std::uint32_t>(); }
    std::int32_t i32() { return pod<std::int32_t>(); }
    std::uint64_t u64() { return pod<std::uint64_t>(); }
    float f32() { return pod<float>(); }
    std::string_view bytes() {
        const std::uint64_t n = u64();
        need(n);
        std::string_view s = data_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    // Text: names, descriptions, locations. Valid UTF-8, as everything that
    // reads them (JSON output, error messages) expects.
    std::string str() {
        const std::string_view s = bytes();
        if (!utf8::is_valid(s)) corrupt("a string is not valid UTF-8");
        return std::string(s);
    }
    // Code points of patterns: Unicode scalar values, as the matcher's
    // alphabet table expects.
    std::u32string u32str() {
        const std::uint64_t n = count(sizeof(char32_t));
        std::u32string s(n, U'\0');
        std::memcpy(s.data(), data_.data() + pos_, n * sizeof(char32_t));
        pos_ += n * sizeof(char32_t);
        for (const char32_t cp : s)
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) corrupt("a code point is not a scalar value");
        return s;
    }
    template <typename T>
    std::vector<T> vec() {
        static_assert(std::is_trivially_copyable_v<T>);
        const std::uint64_t n = count(sizeof(T));
        std::vector<T> v(n);
        if (n) std::memcpy(v.data(), data_.data() + pos_, n * sizeof(T));
        pos_ += n * sizeof(T);
        return v;
    }
    // An instant (ms since the epoch) in the years 0000..9999, the only ones
    // kefu takes, or exactly `unset` (a "never" some fields use). Times read
    // from a session blob feed calendar and timer arithmetic, which a time
    // near INT64_MAX made overflow (found by fuzz_session_blob).
    std::int64_t instant(std::int64_t unset = min_time_ms) {
        const auto t = pod<std::int64_t>();
        if (t != unset && (t < min_time_ms || t > max_time_ms)) corrupt("a time outside the years 0000..9999");
        return t;
    }
    // A flag written as a u32 0 or 1: anything else is damage, and reading it
    // as true would restore state whose own bytes differ.
    bool flag(const char* what) {
        const auto v = u32();
        if (v > 1) corrupt(std::string(what) + ": a flag is neither 0 nor 1");
        return v == 1;
    }
    bool at_end() const noexcept { return pos_ == data_.size(); }
    std::size_t remaining() const noexcept { return data_.size() - pos_; }

    [[noreturn]] static void corrupt(const std::string& what) {
        throw kefu::error(KEFU_ECORRUPT, "model data is corrupt: " + what);
    }
    // Reads an element count and checks that that many elements, each at
    // least `element_size` bytes, fit in what is left.
    std::uint64_t count(std::size_t element_size) {
        const std::uint64_t n = u64();
        if (n > (data_.size() - pos_) / element_size) corrupt("an array runs past the end of its section");
        return n;
    }

private:
    void need(std::uint64_t n) const {
        if (n > data_.size() - pos_) corrupt("a field runs past the end of its section");
    }

    std::string_view data_;
    std::size_t pos_ = 0;
};

}  // namespace kefu::detail::model
