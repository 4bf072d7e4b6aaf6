// The extension's one worker thread: commands that talk to the server and the rules refresh run
// on it, one after another (so three callers can never rename the rules cache at once). Started
// on first use; when the office terminates it is stopped and joined (after at most a few seconds:
// a task that waits on the UI thread then would never end, so it is left behind, and logged).
#pragma once

#include <com/sun/star/uno/XComponentContext.hpp>

#include <functional>

namespace sanding::plugin {

// Queues the task; it runs after those queued before. A task's exceptions are caught and logged.
// After the office began terminating, tasks are dropped.
void run_on_worker(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                   std::function<void()> task);

// Writes a line to stderr, prefixed "sanding:" (what an entry point caught).
void log_error(const std::string& where, const std::string& what);

}  // namespace sanding::plugin
