#include "sanding/permission.hpp"

#include <array>
#include <utility>

namespace sanding {
namespace {

using enum Permission;

// The table: each permission and the roles that have it. A role absent from a row lacks it.
struct Row {
    Permission permission;
    std::array<bool, 5> by_role;  // Drafter, Head, Reviewer, Office, Admin
};
constexpr std::array<Row, 6> kTable = {{
    //                          Drafter Head   Reviewer Office Admin
    {SeeEveryBody, {false, false, true, true, true}},
    {SeeBoard, {false, false, true, true, true}},
    {SeeQueue, {false, false, true, true, true}},
    {SeeBoundaries, {false, false, true, true, true}},
    {RecordBoundaryDecision, {false, false, true, false, false}},
    {SeeAuditLog, {false, false, false, true, true}},
}};

}  // namespace

bool allowed(Role role, Permission permission) {
    const auto r = static_cast<std::size_t>(role);
    for (const Row& row : kTable)
        if (row.permission == permission) return r < row.by_role.size() && row.by_role[r];
    return false;
}

bool belongs_to_one_body(Role role) {
    return !allowed(role, Permission::SeeEveryBody);
}

bool may_see_body(Role role, std::string_view own_body, std::string_view body) {
    return !belongs_to_one_body(role) || (!own_body.empty() && own_body == body);
}

}  // namespace sanding
