// The open Writer document as sanding sees it: its paragraphs in the order the ODT reader reads
// them (body text, table cells row by row), each with the UNO range it is, so that a finding's
// paragraph and UTF-16 offsets lead back to the text in the window.
#pragma once

#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/text/XText.hpp>
#include <com/sun/star/text/XTextRange.hpp>

#include <string>
#include <vector>

#include "sanding/check/finding.hpp"

namespace sanding::plugin {

struct DocumentParagraph {
    css::uno::Reference<css::text::XTextRange> range;
    std::string text;  // UTF-8
};

std::vector<DocumentParagraph> document_paragraphs(
    const css::uno::Reference<css::frame::XModel>& model);

// Selects the finding's span in the document's view (the cursor moves there).
bool select_finding(const css::uno::Reference<css::frame::XModel>& model,
                    const std::vector<DocumentParagraph>& paragraphs, const Finding& f);

// Applies the safe fixes with change tracking on, right to left within each paragraph; the
// number applied. Each is a tracked change the drafter can accept or reject; recording of
// changes is left as it was before.
int apply_safe_fixes(const css::uno::Reference<css::frame::XModel>& model,
                     const std::vector<DocumentParagraph>& paragraphs,
                     const std::vector<Finding>& findings);

}  // namespace sanding::plugin
