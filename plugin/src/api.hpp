// The server's API as the extension uses it: the structs the answers carry, parsed once here, so
// that commands never read JSON. Every call goes through Connection (timeouts, login); a call
// throws ServerError with the server's Chinese message when it fails.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sanding::plugin::api {

struct Me {
    std::string name, display_name, role, body;  // body empty for reviewers, the office, admin
    std::string time_zone_label = "北京时间";
};

struct Counts {
    long long errors = 0, warnings = 0, infos = 0;
};

// One remark of a review: on the draft's text (article + quoted words), or on the whole.
struct ReviewComment {
    std::string article, quote, text;
};

struct Review {
    std::string verdict, verdict_label, reviewer, reviewer_name, at, at_local, comment;
    long long revision = 0;
    std::vector<ReviewComment> comments;
};

struct SignOffRecord {
    long long revision = 0;
    std::string sha256, signer, signer_name, signed_at, signed_at_local;
};

struct Revision {
    long long number = 0;
    std::string sha256, author, author_name, comment, created_at, created_at_local, status_label;
    Counts findings;
    std::vector<Review> reviews;
};

struct Body {
    std::string id, name, short_name, state, state_label;
    long long current_revision = 0;
    std::vector<Revision> revisions;
    std::vector<Review> reviews;  // every review of every revision, oldest first
    std::optional<SignOffRecord> signoff;
    // The reviews of revision n (from the revision itself when the server nests them).
    std::vector<Review> reviews_of(long long n) const;
};

struct QueueEntry {
    std::string body, name, submitted_at_local, submitted_by_name;
    long long revision = 0, waiting_seconds = 0, errors = 0, warnings = 0;
};

// A finding the server stored with a revision.
struct ServerFinding {
    std::string rule, severity, message, article;
};

Me me();
std::vector<Body> bodies();        // those this user may see (without revisions)
Body body(const std::string& id);  // with revisions, reviews and sign-off
std::vector<QueueEntry> queue();   // submitted drafts, longest waiting first
std::string revision_bytes(const std::string& body, long long n);
std::vector<ServerFinding> findings(const std::string& body, long long n);
// POST the .odt as a new revision; the revision as stored (number, findings).
Revision upload(const std::string& body, const std::string& odt, const std::string& comment);
void submit(const std::string& body);
void return_draft(const std::string& body, const std::string& comment,
                  const std::vector<ReviewComment>& comments);
void approve(const std::string& body, const std::string& comment);
SignOffRecord sign_off(const std::string& body, long long revision, const std::string& password);

}  // namespace sanding::plugin::api
