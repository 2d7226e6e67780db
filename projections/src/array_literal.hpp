#pragma once

#include <string>
#include <string_view>

namespace ventros::projections::detail {

/// Builds a PostgreSQL one-dimensional array literal of text (`{"a","b"}`), the value of
/// a `text[]` parameter that a set-based statement unnests into rows.
class array_literal {
public:
    /// Appends an element; every element is quoted, so any text round-trips.
    void add(std::string_view value) {
        separate();
        text_ += '"';
        for (const char c : value) {
            if (c == '"' || c == '\\') {
                text_ += '\\';
            }
            text_ += c;
        }
        text_ += '"';
    }

    void add(const std::string& value) { add(std::string_view(value)); }

    /// The literal, closed.
    std::string str() const { return text_ + '}'; }

private:
    void separate() {
        if (text_.size() > 1) {
            text_ += ',';
        }
    }

    std::string text_ = "{";
};

} // namespace ventros::projections::detail
