// What every 三定 command is given and gives back. A command is a function from an Invocation
// (the frame it was chosen in, its arguments) to an Outcome (a Chinese message for the person and
// JSON data for a dispatch-result listener). One file per command group; UNO dispatch glue is in
// commands.cpp. Commands run on the extension's worker (or on the UI thread when they only touch
// the open document) and throw ServerError / sanding::Error with a Chinese message on failure.
#pragma once

#include <com/sun/star/awt/XWindowPeer.hpp>
#include <com/sun/star/beans/PropertyValue.hpp>
#include <com/sun/star/frame/XFrame.hpp>
#include <com/sun/star/frame/XModel.hpp>
#include <com/sun/star/uno/XComponentContext.hpp>

#include <Poco/JSON/Object.h>

#include <functional>
#include <optional>
#include <string>

namespace sanding::plugin {

struct Outcome {
    bool ok = true;
    std::string message;  // Chinese, for the person; shown in a box over a visible window
    bool shown =
        false;  // the person already saw the answer (a dialog, a newly opened window): no box
    css::uno::Reference<css::frame::XFrame>
        over;  // the box goes over this window (one just opened), else the command's
    Poco::JSON::Object::Ptr data = new Poco::JSON::Object;
};

class Invocation {
public:
    css::uno::Reference<css::uno::XComponentContext> ctx;
    css::uno::Reference<css::frame::XFrame> frame;
    css::uno::Sequence<css::beans::PropertyValue> args;

    std::string arg(const char* name) const;  // "" when not given
    void put(const char* name, const std::string& value);
    css::uno::Reference<css::frame::XModel> model() const;
    // The window to show dialogs over; empty when headless or hidden (tests, macros).
    css::uno::Reference<css::awt::XWindowPeer> visible_peer() const;
    // The open document stored as .odt bytes (exactly what would be uploaded); ServerError without
    // one.
    std::string document_bytes() const;
    // Runs f on the UI thread (dialogs) and returns its result.
    template <class T>
    T on_ui(std::function<T()> f) const;
};

// soffice --headless: no one answers a dialog.
bool headless();

// The commands, by file.
Outcome settings(Invocation&);  // cmd_settings.cpp
Outcome connection_status(Invocation&);
Outcome check_all(Invocation&);  // cmd_check.cpp
Outcome apply_fixes(Invocation&);
Outcome go_to(Invocation&);
Outcome new_draft(Invocation&);  // cmd_drafts.cpp
Outcome save_revision(Invocation&);
Outcome submit_for_review(Invocation&);
Outcome review_queue(Invocation&);  // cmd_review.cpp
Outcome return_draft(Invocation&);
Outcome approve(Invocation&);
Outcome sign_off(Invocation&);   // cmd_signoff.cpp
Outcome revisions(Invocation&);  // cmd_revisions.cpp

// Asks over a visible window for what `command` needs and was not given; false when cancelled.
bool ask_missing(const std::string& command, Invocation& inv);  // ask.cpp

}  // namespace sanding::plugin

#include "main_thread.hpp"

template <class T>
T sanding::plugin::Invocation::on_ui(std::function<T()> f) const {
    return on_main_thread<T>(ctx, std::move(f));
}
