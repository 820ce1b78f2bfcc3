// Completion port: per port, the packet queue (FIFO, next out on top), the stack of threads waiting
// in GetQueuedCompletionStatus (LIFO, released next on top), running threads against the
// concurrency value, and the packet a thread took last. Packets slide in when they are queued and
// fly to the taking thread when dequeued, during the step that did it.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "panel.h"
#include "port_apc_rows.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

constexpr double kMoveSeconds = 0.7;
static_assert(kMoveSeconds <= kStepAnimationSeconds);
constexpr size_t kMaxSlots = 8;  // concurrency 0 means one per processor: a big number is drawn as text

// 0 -> 1 over kMoveSeconds from the step change, eased; 1 at once for screenshots.
float move_progress(const GuiContext& ctx) {
    if (ctx.settle_animations) return 1.0f;
    const float t = static_cast<float>(std::clamp((ctx.now - ctx.view_changed_at) / kMoveSeconds, 0.0, 1.0));
    return 1.0f - (1.0f - t) * (1.0f - t);
}

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

void text_at(ImDrawList* draw, ImFont* font, ImVec2 pos, const ImVec4& colour, std::string_view text, float alpha = 1) {
    draw->AddText(font, font->FontSize, pos, to_u32(colour, alpha), text.data(), text.data() + text.size());
}

float line_height(ImFont* font) { return font->FontSize + 4.0f; }

float packet_height(const GuiContext& ctx) { return line_height(ctx.fonts.bold) + line_height(ImGui::GetFont()) + 10; }

// A packet: "key 0x1 (1)" over "21 B · request->ov · recv completed".
void draw_packet(const GuiContext& ctx, ImVec2 min, float width, const PacketRow& packet, float alpha,
                 float emphasis) {
    const Palette& p = palette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    ImFont* bold = ctx.fonts.bold;
    ImFont* regular = ImGui::GetFont();
    const ImVec2 max(min.x + width, min.y + packet_height(ctx));
    const ImVec4 fill = emphasis > 0 ? mix(p.panel_bg, p.changed, 0.25f + 0.4f * emphasis) : with_alpha(p.code_keyword, kPacketTint);
    draw->AddRectFilled(min, max, to_u32(fill, alpha), 8.0f);
    draw->AddRect(min, max, to_u32(p.code_keyword, alpha), 8.0f, 0, 2.0f);
    const float inner = width - 20;
    // The key first: it tells the program which file or connection the packet belongs to.
    // A 64-bit key in hex and decimal can be long: regular weight before cutting it short.
    const std::string top = fmt::format(fmt::runtime(tr(Str::PortPacketKey)), packet.key);
    ImFont* key_font = fit_text(bold, top, inner) == top ? bold : regular;
    text_at(draw, key_font, ImVec2(min.x + 10, min.y + 5), p.text, fit_text(key_font, top, inner), alpha);
    const std::string bottom = fmt::format("{} · {} · {}", fmt::format(fmt::runtime(tr(Str::PortPacketBytes)), packet.bytes),
                                           packet.overlapped, packet.source);
    text_at(draw, regular, ImVec2(min.x + 10, min.y + 5 + line_height(bold)), p.text_dim, fit_text(regular, bottom, inner),
            alpha);
}

// Where the panel's visible body ends on screen: the queue and the stack are cut to fit above it.
float visible_bottom() { return ImGui::GetWindowPos().y + ImGui::GetWindowHeight(); }

// How many rows of `row` height fit in `room`, keeping a line for "+N more" when not all do.
size_t rows_that_fit(size_t count, float room, float row, float more_line) {
    if (count * row <= room) return count;
    return std::min(count, static_cast<size_t>(std::max(1.0f, std::floor((room - more_line) / row))));
}

float waiter_height(const GuiContext& ctx) { return line_height(ctx.fonts.bold) + 6; }

// A waiting thread on the stack, in its colour; the top one is labelled "released next".
void draw_waiter(const GuiContext& ctx, ImVec2 min, float width, const WaiterRow& waiter, bool held_back) {
    const Palette& p = palette();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec4 colour = thread_colour(waiter.thread);
    const float height = waiter_height(ctx);
    const ImVec2 max(min.x + width, min.y + height);
    draw->AddRectFilled(min, max, to_u32(with_alpha(colour, waiter.released_next ? 0.22f : 0.10f)), 6.0f);
    draw->AddRect(min, max, to_u32(held_back ? p.warning : colour), 6.0f, 0, waiter.released_next ? 3.0f : 1.5f);
    text_at(draw, ctx.fonts.bold, ImVec2(min.x + 10, min.y + 3), p.text, fit_text(ctx.fonts.bold, waiter.name, width - 20));
}

// Running threads against the concurrency value: one box per allowed thread, filled while one runs;
// amber with "FULL" once they are all taken; a red box for each thread running beyond the value.
// Advances the cursor on the current line.
void draw_gauge(const GuiContext& ctx, const PortPicture& port) {
    const Palette& p = palette();
    if (port.closed) {
        pill(tr(Str::PortClosed), p.text_dim, false);
        return;
    }
    const float box = ImGui::GetFontSize() * 0.9f;
    const ImVec4 on = port.at_limit ? p.warning : p.accent;
    if (port.concurrency > 0 && port.concurrency <= kMaxSlots) {
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImVec2 start = ImGui::GetCursorScreenPos();
        const size_t boxes = std::min<size_t>(std::max<size_t>(port.concurrency, port.running), kMaxSlots);
        for (size_t i = 0; i < boxes; ++i) {
            const ImVec4 color = i < port.concurrency ? on : p.danger;
            const ImVec2 min(start.x + i * (box + 4), start.y + 3);
            const ImVec2 max(min.x + box, min.y + box);
            if (i < port.running) draw->AddRectFilled(min, max, to_u32(color), 4.0f);
            draw->AddRect(min, max, to_u32(i < port.running ? color : p.text_dim), 4.0f, 0, 2.0f);
        }
        ImGui::Dummy(ImVec2(boxes * (box + 4), box + 4));
        ImGui::SameLine(0, 6);
    }
    const std::string gauge = fmt::format(fmt::runtime(tr(Str::PortGauge)), port.running, port.concurrency);
    const float room = panel_header_extras_right() - ImGui::GetCursorScreenPos().x;
    text_in_font(ctx.fonts.bold, port.above_limit ? p.danger : port.at_limit ? p.warning : p.text,
                 fit_text(ctx.fonts.bold, gauge, std::max(room, 0.0f)));
    if (port.above_limit) {
        ImGui::SameLine(0, 10);
        pill(tr(Str::PortAboveLimit), p.danger);
    } else if (port.at_limit) {
        ImGui::SameLine(0, 10);
        pill(tr(Str::PortAtLimit), p.warning);
    }
}

class PortPanel final : public Panel {
public:
    const char* id() const override { return "port"; }
    Str title() const override { return Str::PortTitle; }
    Str help() const override { return Str::PortHelp; }

    std::string empty_state(const GuiContext& ctx) const override {
        return ctx.view.state->ports.empty() ? tr(Str::PortEmpty) : std::string();
    }

    // Lessons have one port: its gauge sits in the title strip, where it never scrolls away.
    void draw_header_extras(GuiContext& ctx) override {
        const auto& ports = ctx.view.state->ports;
        if (ports.size() == 1) draw_gauge(ctx, port_picture(*ctx.view.state, ports.begin()->second));
    }

    void draw_body(GuiContext& ctx) override {
        const auto& ports = ctx.view.state->ports;
        for (const auto& [handle, port] : ports) {
            ImGui::PushID(static_cast<int>(handle & 0x7FFFFFFF));
            const PortPicture picture = port_picture(*ctx.view.state, port);
            if (ports.size() > 1) {
                text_in_font(ctx.fonts.bold, palette().text, picture.name);
                ImGui::SameLine(0, 16);
                draw_gauge(ctx, picture);
            }
            draw_port(ctx, picture);
            ImGui::PopID();
        }
    }

private:
    static void draw_port(GuiContext& ctx, const PortPicture& port) {
        const Palette& p = palette();
        const float width = ImGui::GetContentRegionAvail().x;
        const float gap = 14.0f;
        const float stack_width = std::clamp(width * 0.41f, 120.0f, 300.0f);
        const float queue_width = width - stack_width - gap;
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        ImFont* font = ImGui::GetFont();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float label = line_height(font);
        const float t = move_progress(ctx);

        // Left: the queue, next out on top; below it, the packet a thread took last. "next out" sits
        // at the right end of the label line, above the first card, and the label gives way to it.
        const std::string next = fmt::format("{} \u25BC", tr(Str::PortNextOut));
        const float next_width = port.queue.empty() ? 0.0f : ImGui::CalcTextSize(next.c_str()).x + 12;
        text_at(draw, font, origin, p.text_dim,
                fit_text(font, tr(Str::PortQueueLabel), std::max(queue_width - next_width, 0.0f)));
        const float row = packet_height(ctx) + 6;
        const float taken_height = port.taken ? row : 0.0f;
        const ImVec2 queue_top(origin.x, origin.y + label + 2);
        // As many packets as the panel shows without scrolling (at least one), then "+N more".
        const float room = visible_bottom() - queue_top.y - taken_height;
        const size_t shown = rows_that_fit(port.queue.size(), room, row, label);
        float y = queue_top.y;
        if (port.queue.empty() && port.unseen_packets == 0) {
            ImGui::SetCursorScreenPos(queue_top);
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + queue_width);
            text_coloured(p.text_dim, tr(Str::PortQueueEmpty));
            ImGui::PopTextWrapPos();
            y = ImGui::GetCursorScreenPos().y + 4;
        }
        for (size_t i = 0; i < shown; ++i) {
            const PacketRow& packet = port.queue[i];
            const bool fresh = ctx.view.changed_this_step(packet.queued_seq);
            // A packet queued during this step slides in from the left and fades in.
            const ImVec2 min(queue_top.x - (fresh ? (1.0f - t) * queue_width * 0.5f : 0.0f), y);
            draw_packet(ctx, min, queue_width, packet, fresh ? std::max(t, 0.15f) : 1.0f,
                        fresh ? change_emphasis(ctx, packet.queued_seq) : 0.0f);
            if (i == 0) text_at(draw, font, ImVec2(origin.x + queue_width - next_width + 6, origin.y), p.code_keyword, next);
            ImGui::SetCursorScreenPos(min);
            ImGui::PushID(static_cast<int>(i));
            ImGui::InvisibleButton("packet", ImVec2(queue_width, row - 6));
            ImGui::PopID();
            tooltip_for_last_item(fmt::format(fmt::runtime(tr(Str::PortPacket)), packet.source, packet.bytes,
                                              packet.key, packet.overlapped));
            y += row;
        }
        if (shown < port.queue.size()) {
            text_at(draw, font, ImVec2(origin.x, y), p.code_keyword,
                    fmt::format(fmt::runtime(tr(Str::PortMore)), port.queue.size() - shown));
            y += label;
        }
        if (port.unseen_packets > 0) {
            ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + queue_width);
            text_coloured(p.code_keyword, fmt::format(fmt::runtime(tr(Str::PortUnseen)), port.unseen_packets));
            ImGui::PopTextWrapPos();
            y = ImGui::GetCursorScreenPos().y + 4;
        }
        if (port.taken) y = draw_taken(ctx, port, ImVec2(origin.x, y), queue_top, queue_width, t);

        // Right: the stack of waiting threads, released next on top.
        const float stack_bottom = draw_stack(ctx, port, ImVec2(origin.x + queue_width + gap, origin.y), stack_width);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, std::max(y, stack_bottom) + 4));
        ImGui::Dummy(ImVec2(width, 4));
    }

    // Returns the bottom edge.
    static float draw_stack(const GuiContext& ctx, const PortPicture& port, ImVec2 origin, float width) {
        const Palette& p = palette();
        ImFont* font = ImGui::GetFont();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float label = line_height(font);
        text_at(draw, font, origin, p.text_dim, fit_text(font, tr(Str::PortStackLabel), width));
        float y = origin.y + label + 2;
        if (port.stack.empty()) {
            text_at(draw, font, ImVec2(origin.x, y), p.text_dim, fit_text(font, tr(Str::PortStackEmpty), width));
            return y + label;
        }
        // As many plates as fit without scrolling (at least the top one), then "+N more".
        const float plate = waiter_height(ctx) + 3;
        const float room = visible_bottom() - y - label - (port.limit_holds_back ? 2 * label : 0.0f);
        const size_t shown = rows_that_fit(port.stack.size(), room, plate, label);
        for (size_t i = 0; i < shown; ++i) {
            const WaiterRow& waiter = port.stack[i];
            const bool held = waiter.released_next && port.limit_holds_back;
            if (waiter.released_next) {
                const std::string tag = fmt::format("\u25BC {}", tr(Str::PortReleasedNext));
                text_at(draw, font, ImVec2(origin.x, y), held ? p.warning : p.accent, fit_text(font, tag, width));
                y += label;
            }
            draw_waiter(ctx, ImVec2(origin.x, y), width, waiter, held);
            y += plate;
            if (held) {
                // The point of the concurrency value: a packet is there, a thread is ready, and it still waits.
                ImGui::SetCursorScreenPos(ImVec2(origin.x, y - 2));
                ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
                text_in_font(ctx.fonts.bold, p.warning, tr(Str::PortHoldsBack));
                ImGui::PopTextWrapPos();
                y = ImGui::GetCursorScreenPos().y + 4;
            }
        }
        if (shown < port.stack.size()) {
            text_at(draw, font, ImVec2(origin.x, y), p.text_dim,
                    fmt::format(fmt::runtime(tr(Str::PortMore)), port.stack.size() - shown));
            y += label;
        }
        return y;
    }

    // "WorkerThread 3 took" over "21 bytes, key 0x1 (1)", in the thread's colour; returns the bottom
    // edge. Taken during this step: the packet card flies there from the head of the queue (from the
    // left edge when it was also queued during this step) and fades into it.
    static float draw_taken(const GuiContext& ctx, const PortPicture& port, ImVec2 at, ImVec2 queue_head,
                            float width, float t) {
        const Palette& p = palette();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const PacketRow& packet = *port.taken;
        const ImVec4 colour = thread_colour(port.taken_by);
        const float height = packet_height(ctx);
        const bool just_taken = ctx.view.changed_this_step(packet.dequeued_seq);
        const float alpha = just_taken ? std::max(t, 0.15f) : 1.0f;
        const ImVec2 max(at.x + width, at.y + height);
        const float emphasis = just_taken ? change_emphasis(ctx, packet.dequeued_seq) : 0.0f;
        draw->AddRectFilled(at, max, to_u32(emphasis > 0 ? mix(p.panel_bg, p.changed, 0.25f + 0.4f * emphasis)
                                                         : with_alpha(colour, 0.14f), alpha), 8.0f);
        draw->AddRect(at, max, to_u32(colour, alpha), 8.0f, 0, 3.0f);
        const std::string who = fmt::format(fmt::runtime(tr(Str::PortTaken)), port.taken_by_name);
        const std::string what = fmt::format("{}, {}", fmt::format(fmt::runtime(tr(Str::PortPacketKey)), packet.key),
                                             fmt::format(fmt::runtime(tr(Str::PortPacketBytes)), packet.bytes));
        ImFont* bold = ctx.fonts.bold;
        text_at(draw, bold, ImVec2(at.x + 10, at.y + 5), colour, fit_text(bold, who, width - 20), alpha);
        text_at(draw, ImGui::GetFont(), ImVec2(at.x + 10, at.y + 5 + line_height(bold)), p.text,
                fit_text(ImGui::GetFont(), what, width - 20), alpha);
        ImGui::SetCursorScreenPos(at);
        ImGui::InvisibleButton("taken", ImVec2(width, height));
        tooltip_for_last_item(fmt::format(fmt::runtime(tr(Str::PortPacket)), packet.source, packet.bytes, packet.key,
                                          packet.overlapped));
        if (just_taken && t < 1.0f) {
            const bool entered_now = ctx.view.changed_this_step(packet.queued_seq);
            const ImVec2 from(queue_head.x - (entered_now ? width * 0.5f : 0.0f), queue_head.y);
            draw_packet(ctx, lerp(from, at, t), width, packet, 1.0f - t, 0.0f);
        }
        return max.y + 6;
    }
};

}  // namespace

std::unique_ptr<Panel> make_port_panel() { return std::make_unique<PortPanel>(); }

}  // namespace ovlab::gui
