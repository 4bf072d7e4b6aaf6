#include "sanding/workflow.hpp"

#include <array>

namespace sanding {
namespace {
constexpr std::array<std::string_view, 6> kStates = {"drafting", "submitted", "returned",
                                                     "approved", "signed",    "collected"};
constexpr std::array<std::string_view, 6> kStateLabels = {"起草中",     "已提交", "已退回",
                                                          "已审核通过", "已签发", "已收集"};
constexpr std::array<std::string_view, 5> kRoles = {"drafter", "head", "reviewer", "office",
                                                    "admin"};
constexpr std::array<std::string_view, 5> kRoleLabels = {"起草人", "主要负责人", "审核组",
                                                         "协调小组办公室", "管理员"};
constexpr std::array<std::string_view, 7> kActions = {
    "create-draft", "upload", "submit", "return", "approve", "sign-off", "collect"};
constexpr std::array<std::string_view, 7> kActionLabels = {
    "新建草案", "保存修订", "提交审核", "退回", "审核通过", "签发", "收集"};
}  // namespace

std::string_view to_string(WorkflowState s) {
    return kStates[static_cast<std::size_t>(s)];
}
std::string_view chinese_label(WorkflowState s) {
    return kStateLabels[static_cast<std::size_t>(s)];
}
std::optional<WorkflowState> workflow_state_from_string(std::string_view s) {
    for (std::size_t i = 0; i < kStates.size(); ++i)
        if (kStates[i] == s) return static_cast<WorkflowState>(i);
    return std::nullopt;
}
std::string_view to_string(Role r) {
    return kRoles[static_cast<std::size_t>(r)];
}
std::optional<Role> role_from_string(std::string_view s) {
    for (std::size_t i = 0; i < kRoles.size(); ++i)
        if (kRoles[i] == s) return static_cast<Role>(i);
    return std::nullopt;
}
std::string_view to_string(WorkflowAction a) {
    return kActions[static_cast<std::size_t>(a)];
}
std::string_view chinese_label(WorkflowAction a) {
    return kActionLabels[static_cast<std::size_t>(a)];
}
std::string_view chinese_label(Role r) {
    return kRoleLabels[static_cast<std::size_t>(r)];
}

bool may(Role role, WorkflowAction action) {
    switch (action) {
        case WorkflowAction::CreateDraft:
        case WorkflowAction::Upload:
        case WorkflowAction::Submit: return role == Role::Drafter;
        case WorkflowAction::Return:
        case WorkflowAction::Approve: return role == Role::Reviewer;
        case WorkflowAction::SignOff: return role == Role::Head;
        case WorkflowAction::Collect: return role == Role::Office;
    }
    return false;
}

std::optional<WorkflowState> after(WorkflowState s, WorkflowAction a) {
    using S = WorkflowState;
    switch (a) {
        case WorkflowAction::CreateDraft: return std::nullopt;  // only for a body without a draft
        case WorkflowAction::Upload:
            if (s == S::Drafting || s == S::Returned) return S::Drafting;
            return std::nullopt;
        case WorkflowAction::Submit:
            return s == S::Drafting ? std::optional(S::Submitted) : std::nullopt;
        case WorkflowAction::Return:
            return s == S::Submitted ? std::optional(S::Returned) : std::nullopt;
        case WorkflowAction::Approve:
            return s == S::Submitted ? std::optional(S::Approved) : std::nullopt;
        case WorkflowAction::SignOff:
            return s == S::Approved ? std::optional(S::Signed) : std::nullopt;
        case WorkflowAction::Collect:
            return s == S::Signed ? std::optional(S::Collected) : std::nullopt;
    }
    return std::nullopt;
}

}  // namespace sanding
