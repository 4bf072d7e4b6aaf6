// The permission table, role by role, written out here as the users' guide states it.
#include <gtest/gtest.h>

#include "sanding/permission.hpp"

namespace sanding {
namespace {

constexpr Role kRoles[] = {Role::Drafter, Role::Head, Role::Reviewer, Role::Office, Role::Admin};

TEST(Permission, EveryRoleHasExactlyTheTable) {
    struct Expected {
        Permission p;
        bool drafter, head, reviewer, office, admin;
    };
    const Expected table[] = {
        {Permission::SeeEveryBody, false, false, true, true, true},
        {Permission::SeeBoard, false, false, true, true, true},
        {Permission::SeeQueue, false, false, true, true, true},
        {Permission::SeeBoundaries, false, false, true, true, true},
        {Permission::RecordBoundaryDecision, false, false, true, false, false},
        {Permission::SeeAuditLog, false, false, false, true, true},
    };
    for (const auto& e : table) {
        const bool want[] = {e.drafter, e.head, e.reviewer, e.office, e.admin};
        for (std::size_t r = 0; r < std::size(kRoles); ++r)
            EXPECT_EQ(allowed(kRoles[r], e.p), want[r])
                << to_string(kRoles[r]) << " permission " << static_cast<int>(e.p);
    }
}

// Drafters and heads see their own body only; reviewers, the office and the admin every body.
TEST(Permission, DraftersAndHeadsSeeOnlyTheirOwnBody) {
    for (Role r : {Role::Drafter, Role::Head}) {
        EXPECT_TRUE(belongs_to_one_body(r));
        EXPECT_TRUE(may_see_body(r, "finance", "finance"));
        EXPECT_FALSE(may_see_body(r, "finance", "audit"));
        EXPECT_FALSE(may_see_body(r, "", "audit"));
        EXPECT_FALSE(may_see_body(r, "", ""));
    }
    for (Role r : {Role::Reviewer, Role::Office, Role::Admin}) {
        EXPECT_FALSE(belongs_to_one_body(r));
        EXPECT_TRUE(may_see_body(r, "", "finance"));
        EXPECT_TRUE(may_see_body(r, "audit", "finance"));
    }
}

}  // namespace
}  // namespace sanding
