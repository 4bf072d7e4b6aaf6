// The workflow as a table: every state × action, and which role may take each action. The server
// asks only these two functions, so this is the whole of who may move a draft where.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <utility>

#include "sanding/workflow.hpp"

namespace sanding {
namespace {

using S = WorkflowState;
using A = WorkflowAction;

const S kStates[] = {S::Drafting, S::Submitted, S::Returned, S::Approved, S::Signed, S::Collected};
const A kActions[] = {A::CreateDraft, A::Upload,  A::Submit, A::Return,
                      A::Approve,     A::SignOff, A::Collect};
const Role kRoles[] = {Role::Drafter, Role::Head, Role::Reviewer, Role::Office, Role::Admin};

TEST(Workflow, EveryStateAndActionLeadsWhereTheReformProcessSays) {
    // The only allowed moves; every other (state, action) pair is refused.
    const std::map<std::pair<S, A>, S> allowed = {
        {{S::Drafting, A::Upload}, S::Drafting},   {{S::Returned, A::Upload}, S::Drafting},
        {{S::Drafting, A::Submit}, S::Submitted},  {{S::Submitted, A::Return}, S::Returned},
        {{S::Submitted, A::Approve}, S::Approved}, {{S::Approved, A::SignOff}, S::Signed},
        {{S::Signed, A::Collect}, S::Collected},
    };
    for (S s : kStates)
        for (A a : kActions) {
            auto it = allowed.find({s, a});
            const std::optional<S> expected =
                it == allowed.end() ? std::nullopt : std::optional(it->second);
            EXPECT_EQ(after(s, a), expected) << to_string(s) << " × " << to_string(a);
        }
}

TEST(Workflow, EachActionBelongsToExactlyOneRoleAndAdminTakesNone) {
    const std::map<A, Role> owner = {{A::CreateDraft, Role::Drafter}, {A::Upload, Role::Drafter},
                                     {A::Submit, Role::Drafter},      {A::Return, Role::Reviewer},
                                     {A::Approve, Role::Reviewer},    {A::SignOff, Role::Head},
                                     {A::Collect, Role::Office}};
    for (A a : kActions)
        for (Role r : kRoles)
            EXPECT_EQ(may(r, a), owner.at(a) == r) << to_string(r) << " × " << to_string(a);
}

TEST(Workflow, NamesRoundTripAndEveryLabelIsChinese) {
    for (S s : kStates) {
        EXPECT_EQ(workflow_state_from_string(to_string(s)), s);
        EXPECT_GE(static_cast<unsigned char>(chinese_label(s)[0]), 0xE4u) << to_string(s);
    }
    EXPECT_EQ(workflow_state_from_string("finished"), std::nullopt);
    for (A a : kActions)
        EXPECT_GE(static_cast<unsigned char>(chinese_label(a)[0]), 0xE4u) << to_string(a);
    for (Role r : kRoles)
        EXPECT_GE(static_cast<unsigned char>(chinese_label(r)[0]), 0xE4u) << to_string(r);
    EXPECT_EQ(chinese_label(S::Submitted), "已提交");
    EXPECT_EQ(chinese_label(A::SignOff), "签发");
}

}  // namespace
}  // namespace sanding
