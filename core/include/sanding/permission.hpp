// What each role may see and do beyond moving a draft through the workflow (that is may() in
// workflow.hpp): one table, asked by every HTTP handler instead of comparing roles there.
#pragma once

#include <string_view>

#include "sanding/workflow.hpp"

namespace sanding {

enum class Permission {
    SeeEveryBody,            // every body's page, revisions and findings (else only one's own)
    SeeBoard,                // 进度总览 and its .ods
    SeeQueue,                // 待审核: the drafts waiting for review
    SeeBoundaries,           // 职责边界: overlaps and gaps across all bodies, every decision
    RecordBoundaryDecision,  // 职责边界协调会的决定
    SeeAuditLog,             // 审计日志
};

// Whether the role has the permission; never throws.
bool allowed(Role role, Permission permission);

// Whether a user of that role belongs to one body (drafters and heads): exactly the roles
// without SeeEveryBody; never throws.
bool belongs_to_one_body(Role role);

// Whether a user of that role, belonging to own_body (drafters and heads belong to one), may see
// body: every body with SeeEveryBody, else only their own (none when own_body is empty); never
// throws.
bool may_see_body(Role role, std::string_view own_body, std::string_view body);

}  // namespace sanding
