// A body's draft moves drafting → submitted → returned (→ drafting) | approved → signed →
// collected. Who may move it, and where each move leads; nothing else may happen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sanding {

enum class WorkflowState { Drafting, Submitted, Returned, Approved, Signed, Collected };
std::string_view to_string(WorkflowState);
std::optional<WorkflowState> workflow_state_from_string(std::string_view);
std::string_view chinese_label(WorkflowState);  // 起草中 …

enum class Role { Drafter, Head, Reviewer, Office, Admin };
std::string_view to_string(Role);
std::optional<Role> role_from_string(std::string_view);
std::string_view chinese_label(Role);  // 起草人 …

enum class WorkflowAction {
    CreateDraft,  // revision 1 from the model text
    Upload,       // a new revision (returned → drafting)
    Submit,
    Return,
    Approve,
    SignOff,
    Collect,
};
std::string_view to_string(WorkflowAction);
std::string_view chinese_label(WorkflowAction);  // 新建草案 …

// The role that may take an action (on a body it belongs to, for drafters and heads).
bool may(Role role, WorkflowAction action);

// The state after the action, or nothing when the action is not allowed in that state.
std::optional<WorkflowState> after(WorkflowState state, WorkflowAction action);

}  // namespace sanding
