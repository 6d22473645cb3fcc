// std::visit with one lambda per alternative: std::visit(Visitor{[](const A&) {…}, [](const B&) {…}}, v).
#pragma once

namespace vanban {

template <class... F>
struct Visitor : F... {
  using F::operator()...;
};
template <class... F>
Visitor(F...) -> Visitor<F...>;

}  // namespace vanban
