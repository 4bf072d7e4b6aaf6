// Revisions opened from the server in a window of their own, and the review comments (批注) that
// travel between a reviewer's window and the drafter's.
#pragma once

#include <com/sun/star/frame/XModel.hpp>

#include <optional>
#include <string>
#include <vector>

#include "api.hpp"
#include "command.hpp"

namespace sanding::plugin {

struct OpenRevision {
    const api::Body* body = nullptr;
    long long number = 0;
    bool read_only = false;                    // a reviewer reads, the drafter writes
    std::vector<api::ReviewComment> comments;  // placed as 批注 at their quoted words
    std::string comment_author;                // shown on each 批注
    std::string comment_time;                  // "2026-12-03 14:05" (local), shown on each 批注
};

// The revision downloaded to <private temporary folder>/<机构简称>-修订<N>.odt; its file URL.
std::string revision_file_url(const api::Body& body, long long n);

// Downloads the revision and opens it as an untitled document named <机构简称>-修订<N> (the
// file lives in a private temporary folder; 保存 asks where, in the usual place). The model.
css::uno::Reference<css::frame::XModel> open_revision(const Invocation& inv,
                                                      const OpenRevision& what);

// The body and revision a window was opened from by open_revision (this session), if any.
struct OpenedFrom {
    std::string body;
    long long revision = 0;
};
std::optional<OpenedFrom> opened_from(const css::uno::Reference<css::frame::XModel>& model);

// Every 批注 of the document: the article it stands in, the words it marks, its text.
std::vector<api::ReviewComment> document_comments(
    const css::uno::Reference<css::frame::XModel>& model);

// Places each comment as a 批注 on the first occurrence of its quote inside its article (anywhere,
// else at the document's start with the quote named); the number placed at their quotes.
int place_comments(const css::uno::Reference<css::frame::XModel>& model,
                   const std::vector<api::ReviewComment>& comments, const std::string& author,
                   const std::string& local_time = {});

}  // namespace sanding::plugin
