#include "sanding/permission.hpp"

#include <array>
#include <cstddef>
#include <iterator>

namespace sanding {
namespace {

using enum Permission;

constexpr std::size_t kRoleCount = static_cast<std::size_t>(Role::Admin) + 1;

// The table: one row per permission, in the enum's order, and the roles that have it.
struct Row {
    Permission permission;
    std::array<bool, kRoleCount> by_role;  // Drafter, Head, Reviewer, Office, Admin
};
constexpr Row kTable[] = {
    //                          Drafter Head   Reviewer Office Admin
    {SeeEveryBody, {false, false, true, true, true}},
    {SeeBoard, {false, false, true, true, true}},
    {SeeQueue, {false, false, true, true, true}},
    {SeeBoundaries, {false, false, true, true, true}},
    {RecordBoundaryDecision, {false, false, true, false, false}},
    {SeeAuditLog, {false, false, false, true, true}},
};

// Row i is permission i, so allowed() reads its row by index: a row out of place or twice does not
// compile. A permission without a row (added to the enum last) is refused to every role.
constexpr bool rows_in_enum_order() {
    for (std::size_t i = 0; i < std::size(kTable); ++i)
        if (static_cast<std::size_t>(kTable[i].permission) != i) return false;
    return true;
}
static_assert(rows_in_enum_order(), "kTable: one row per Permission, in the enum's order");

}  // namespace

bool allowed(Role role, Permission permission) {
    const auto p = static_cast<std::size_t>(permission);
    const auto r = static_cast<std::size_t>(role);
    return p < std::size(kTable) && r < kRoleCount && kTable[p].by_role[r];
}

bool belongs_to_one_body(Role role) {
    return !allowed(role, Permission::SeeEveryBody);
}

bool may_see_body(Role role, std::string_view own_body, std::string_view body) {
    return !belongs_to_one_body(role) || (!own_body.empty() && own_body == body);
}

}  // namespace sanding
