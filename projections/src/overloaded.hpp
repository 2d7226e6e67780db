#pragma once

namespace ventros::projections::detail {

/// Builds one visitor out of several lambdas, for `std::visit`.
template <class... Lambdas>
struct overloaded : Lambdas... {
    using Lambdas::operator()...;
};

} // namespace ventros::projections::detail
