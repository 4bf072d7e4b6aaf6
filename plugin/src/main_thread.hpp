// Running UI work on the office's main thread from a command's worker thread: VCL expects its
// dialogs to run from its main loop, and a command's outcome should reach its listener without
// waiting for the person to close a message box. LibreOffice's AsyncCallback service runs a
// function from the main loop.
#pragma once

#include <com/sun/star/uno/XComponentContext.hpp>

#include <functional>
#include <future>
#include <memory>

namespace sanding::plugin {

// Queues f to run on the main thread; returns at once.
void post_to_main_thread(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                         std::function<void()> f);

// Runs f on the main thread and waits for its result (only from a thread other than the main one).
template <class T>
T on_main_thread(const css::uno::Reference<css::uno::XComponentContext>& ctx,
                 std::function<T()> f) {
    auto promise = std::make_shared<std::promise<T>>();
    std::future<T> result = promise->get_future();
    post_to_main_thread(ctx, [promise, f = std::move(f)] {
        try {
            promise->set_value(f());
        } catch (...) {
            promise->set_exception(std::current_exception());
        }
    });
    return result.get();
}

}  // namespace sanding::plugin
