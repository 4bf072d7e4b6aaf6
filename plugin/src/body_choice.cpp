#include "body_choice.hpp"

#include "client.hpp"
#include "dialogs.hpp"

namespace sanding::plugin {

std::optional<std::string> chosen_body(const Invocation& inv, const api::Me& me,
                                       const std::string& title) {
    if (std::string body = inv.arg("Body"); !body.empty()) return body;
    if (!me.body.empty()) return me.body;
    const std::vector<api::Body> choices = api::bodies();
    if (choices.empty())
        throw ServerError{"服务器 " + Connection::instance().server() + " 上没有您可以查看的机构"};
    if (choices.size() == 1) return choices.front().id;
    if (auto parent = inv.visible_peer(); parent.is()) {
        std::vector<std::string> labels;
        for (const auto& b : choices)
            labels.push_back(
                b.name + "（" + b.state_label +
                (b.current_revision ? "，修订 " + std::to_string(b.current_revision) : "") + "）");
        const auto i = inv.on_ui<std::optional<std::size_t>>(
            [&] { return choose(inv.ctx, parent, title, labels, 0); });
        if (!i) return std::nullopt;
        return choices[*i].id;
    }
    std::string names;
    for (std::size_t i = 0; i < choices.size(); ++i)
        names += (i ? "、" : "") + choices[i].name;  // never the ids
    throw ServerError{"请指定机构（共 " + std::to_string(choices.size()) + " 个可选：" + names +
                      "）"};
}

std::string draft_status(const api::Body& b) {
    return b.name + " · " + b.state_label +
           (b.current_revision ? " · 修订 " + std::to_string(b.current_revision) : "");
}

}  // namespace sanding::plugin
