// run_gui: the window's main loop. Each frame folds new trace events, draws every panel from the
// one StepView, then applies what the panels asked for (open, reset, language, theme).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cli.h"
#include "gui.h"
#include "frame_pacer.h"
#include "interrupt.h"
#include "keyboard.h"
#include "layout.h"
#include "open_trace.h"
#include "panel.h"
#include "panel_threads.h"
#include "port_apc_rows.h"
#include "predict_card.h"
#include "recorded_run.h"
#include "remembered_settings.h"
#include "screenshot.h"
#include "trace_file.h"
#include "ui_scale.h"
#include "widgets.h"
#include "window.h"

namespace ovlab::gui {
namespace {

constexpr int kCodeRowsKept = 12;  // the code shows at least this many rows, the current line among them
constexpr auto kFrameTime = std::chrono::microseconds(16'667);  // 60 fps even where vsync is absent

struct Panels {
    std::unique_ptr<Panel> controls = make_controls_panel();
    std::unique_ptr<Panel> lessons = make_lessons_panel();
    std::unique_ptr<Panel> handles = make_handles_panel();
    std::unique_ptr<Panel> threads = make_threads_panel();
    std::unique_ptr<Panel> code = make_code_panel();
    std::unique_ptr<Panel> narration = make_narration_panel();
    std::unique_ptr<Panel> overlapped = make_overlapped_panel();
    std::unique_ptr<Panel> calls = make_calls_panel();
    std::unique_ptr<Panel> console = make_console_panel();
    std::unique_ptr<Panel> port = make_port_panel();
    std::unique_ptr<Panel> apc = make_apc_panel();
    std::unique_ptr<Panel> peer = make_peer_panel();
    std::unique_ptr<Panel> timeline = make_timeline_panel();
};

Layout draw_panels(Panels& panels, GuiContext& ctx) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float toolbar = style.WindowPadding.y * 2 + ImGui::GetFrameHeight() * 2 + style.ItemSpacing.y + px(4);
    const float threads = threads_panel_height();
    // Decided from the lesson (or the program's source) and the live run, not the step shown, so scrubbing back never moves panels.
    ExtraViews extras = extra_views_for(ctx.lessons.lesson(), ctx.lessons.source(), ctx.lessons.trace().live_state());
    extras.peer = ctx.lessons.serves_peer();
    extras.timeline = ctx.timeline_shown;
    const float code = code_panel_height(kCodeRowsKept, ctx.fonts.mono->FontSize);
    const Layout layout = compute_layout(ImGui::GetIO().DisplaySize, toolbar, threads, extras, code, ui_scale());
    std::vector<std::pair<Panel*, PanelRect>> placed = {
        {panels.controls.get(), layout.controls},   {panels.lessons.get(), layout.lessons},
        {panels.handles.get(), layout.handles},     {panels.threads.get(), layout.threads},
        {panels.code.get(), layout.code},           {panels.narration.get(), layout.narration},
        {panels.overlapped.get(), layout.overlapped}, {panels.console.get(), layout.console},
        {layout.timeline ? panels.timeline.get() : panels.calls.get(), layout.calls},
    };
    if (layout.port) placed.emplace_back(panels.port.get(), *layout.port);
    if (layout.apc) placed.emplace_back(panels.apc.get(), *layout.apc);
    if (layout.peer) placed.emplace_back(panels.peer.get(), *layout.peer);
    draw_placed_panels(placed, ctx, layout.below_toolbar);
    return layout;
}

// Saves what the user asked for (call after rendering, before swapping); returns what to tell them.
std::string save_picture(const Window& window, const GuiContext& ctx, const Layout& layout, PictureKind kind) {
    int width = 0, height = 0;
    window.framebuffer_size(width, height);
    PixelRect rect{0, 0, width, height};
    const bool timeline_only = kind == PictureKind::Timeline && layout.timeline;
    if (timeline_only) {
        const float scale = static_cast<float>(width) / std::max(ImGui::GetIO().DisplaySize.x, 1.0f);
        const auto px = [&](float v) { return static_cast<int>(v * scale); };
        rect = {px(layout.timeline->pos.x), px(layout.timeline->pos.y), px(layout.timeline->size.x),
                px(layout.timeline->size.y)};
    }
    const std::string lesson = ctx.lessons.lesson() ? ctx.lessons.lesson()->id : std::string();
    const std::string path = picture_path(lesson, ctx.view.step, timeline_only);
    if (std::optional<std::string> error = save_framebuffer_region_png(path, height, rect))
        return fmt::format(fmt::runtime(tr(Str::TimelineSaveFailed)), *error);
    return fmt::format(fmt::runtime(tr(Str::TimelineSaved)), path);
}

// A one-line banner centred at the bottom of the window.
void draw_bottom_banner(const char* id, const char* text, ImVec4 background, ImGuiWindowFlags extra_flags) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x * 0.5f, display.y - px(24)), ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().accent_text);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | extra_flags);
    ImGui::TextUnformatted(text);
    ImGui::End();
    ImGui::PopStyleColor(2);
}

// A line at the bottom of the window for a few seconds (where a saved picture went).
struct Notice {
    std::string text;
    double until = 0;

    void draw(double now) const {
        if (text.empty() || now > until) return;
        draw_bottom_banner("##notice", text.c_str(), palette().accent, ImGuiWindowFlags_NoInputs);
    }
};

// Korean chosen but no Korean font: say so where everyone looks (in English: Hangul cannot render).
void draw_missing_korean_font_banner(const GuiContext& ctx) {
    if (ctx.language != Language::Korean || ctx.fonts.korean) return;
    draw_bottom_banner("##korean-font", tr(Str::KoreanFontMissing), palette().danger, ImGuiWindowFlags_None);
}

class ViewClock {
public:
    // Highlights fade from the moment the step shown changes.
    double changed_at(const StepView& view, uint64_t generation, double now) {
        const auto key = std::make_tuple(generation, view.step, view.live, view.checkpoint);
        if (key != key_) {
            key_ = key;
            changed_at_ = now;
        }
        return changed_at_;
    }

private:
    std::tuple<uint64_t, uint64_t, bool, const trace::Event*> key_{UINT64_MAX, 0, false, nullptr};
    double changed_at_ = 0;
};

void apply_requests(const UiRequests& requests, LessonController& lessons, Language& language, bool& timeline_shown) {
    if (requests.toggle_timeline) timeline_shown = !timeline_shown;
    if (requests.language) {
        language = *requests.language;
        set_ui_language(language);
    }
    if (requests.theme) apply_theme(*requests.theme);
    if (requests.open_lesson) lessons.open(*requests.open_lesson);
    else if (requests.reset) lessons.reset();
}

// False when the trace was asked for and could not be written.
bool write_trace_if_asked(const GuiOptions& options, const LessonController& lessons, Language language) {
    if (options.trace_out.empty()) return true;
    const trace::Recorder* recorder = lessons.recorder();
    if (!recorder) {
        fmt::print(stderr, "warning: no lesson ran, so no trace was written to {}\n",
                   app::printable(options.trace_out));
        return true;
    }
    try {
        const trace::RecordedTraceHeader header = app::lesson_trace_header(*lessons.lesson(), language, lessons.parameters());
        if (std::optional<std::string> error = app::write_trace_file(*recorder, options.trace_out, header)) {
            app::print_error(*error);
            return false;
        }
    } catch (const std::exception& error) {  // the lesson's files went away since the run
        app::print_error(error.what());
        return false;
    }
    return true;
}

// With OVLAB_REPORT_FIRST_FRAME set, one line with the steady clock (in microseconds) when the first
// frame is on screen: bench/window_bench.cpp compares it with the moment it started the app.
void report_first_frame_if_asked() {
    if (!std::getenv("OVLAB_REPORT_FIRST_FRAME")) return;
    const auto now = std::chrono::steady_clock::now().time_since_epoch();
    fmt::print("first frame at steady clock {}\n", std::chrono::duration_cast<std::chrono::microseconds>(now).count());
    std::fflush(stdout);
}

}  // namespace

int run_gui(const GuiOptions& options) {
    RememberedSettings remembered(options);
    const Settings& start = remembered.at_start();
    const LessonInfo* first_lesson = nullptr;
    std::optional<trace::RecordedTrace> recorded;
    if (!options.open_path.empty()) {
        auto read = app::open_recorded_trace(options.open_path);
        if (auto* error = std::get_if<std::string>(&read)) {
            app::print_error(*error);
            return 1;
        }
        recorded = std::move(std::get<trace::RecordedTrace>(read));
    } else if (!options.lesson_id.empty()) {
        first_lesson = find_lesson(options.lesson_id);
        if (!first_lesson) {
            app::print_error(fmt::format("unknown lesson '{}' (see --list-lessons)", options.lesson_id));
            return 2;
        }
    } else if (const LessonInfo* last = start.lesson.empty() ? nullptr : find_lesson(start.lesson)) {
        first_lesson = last;
    } else if (!all_lessons().empty()) {
        first_lesson = &all_lessons().front();
    }

    auto opened = Window::open(start.window_width, start.window_height, remembered.opening_size(), "Overlapped Lab");
    if (auto* error = std::get_if<std::string>(&opened)) {
        app::print_error(*error);
        return 1;
    }
    Window& window = *std::get<std::unique_ptr<Window>>(opened);
    if (start.maximized) window.maximize();

    Language language = start.language;
    set_ui_language(language);
    UiScale scale(window.content_scale(), start.zoom);
    Fonts fonts = scale.load_fonts();
    for (const std::string& skipped : fonts.skipped) fmt::print(stderr, "warning: {}\n", skipped);
    if (!fonts.problem.empty()) fmt::print(stderr, "warning: {}\n", fonts.problem);
    apply_theme(start.theme);
    scale.style_from_theme();

    int exit_code = 0;
    {
        LessonController lessons;
        if (recorded) lessons.open_recorded(options.open_path, std::move(*recorded));
#ifndef _WIN32  // the Windows build refuses --program (cli_program.cpp)
        else if (!options.program.empty())
            lessons.open_program({options.program, options.program_arguments, options.program_sources});
#endif
        else if (first_lesson) lessons.open(*first_lesson, options.parameters);
        PredictMode predict;
        PredictCardView question;
        if (options.predict) predict.set_on(true, lessons);
        Panels panels;
        ViewClock view_clock;
        std::optional<ScreenshotScript> script;
        if (!options.screenshot_path.empty()) script.emplace(options.screenshot_steps, options.screenshot_peer_actions);
        bool timeline_shown = start.timeline_shown;
        std::string enlarged_panel;
        Notice notice;
        Keyboard keyboard(window.glfw_window());
        if (options.fullscreen) keyboard.fullscreen().toggle();
        FramePacer pacer;
        LessonSnapshot drawn;
        bool first_frame_shown = false;

        // A stop signal closes the window the normal way, so the running lesson is torn down and its
        // working folder removed.
        while (!window.should_close() && !app::stop_requested()) {
            const auto frame_start = std::chrono::steady_clock::now();
            // A screenshot script, a run or a waiting key press moves on every frame.
            const bool moving = script || lessons.running() || keyboard.presses_waiting();
            const bool woken = !moving && pacer.may_sleep() && pacer.sleep(kLessonPollSeconds);
            if (moving || !pacer.may_sleep()) window.poll_events();
            lessons.update();
            predict.update(lessons);
            const LessonSnapshot seen = snapshot(lessons);
            // The Peer client panel shows the peer's sockets, polled by update(), not traced.
            if (!moving && pacer.may_sleep() && !woken && seen == drawn && !lessons.serves_peer()) continue;
            if (woken || seen != drawn) pacer.keep_drawing_for(kSettleSeconds);
            drawn = seen;
            const bool capture = script && script->advance(lessons);

            window.begin_frame(script.has_value());
            if (FramePacer::input_this_frame()) pacer.keep_drawing_for(kSettleSeconds);
            GuiContext ctx{lessons, fonts, language};
            ctx.predict = &predict;
            keyboard.perform_presses(ctx);
            ctx.view = lessons.view();
            ctx.now = ImGui::GetTime();
            ctx.view_changed_at = view_clock.changed_at(ctx.view, lessons.generation(), ctx.now);
            ctx.settle_animations = script.has_value();
            ctx.timeline_shown = timeline_shown;
            ctx.timeline_focus_request = options.timeline.focus_request;
            ctx.enlarged_panel = enlarged_panel;
            const Layout layout = draw_panels(panels, ctx);
            if (predict.question_open())
                if (const std::optional<PredictCard> card = predict.card(lessons, language)) question.draw_question(ctx, *card);
            keyboard.draw_sheet(ctx);
            restore_enlarged_panel_on_escape(ctx);
            const std::optional<float> zoom = zoom_asked(scale.zoom(), ctx.requests);
            draw_missing_korean_font_banner(ctx);
            notice.draw(ctx.now);
            pacer.keep_drawing_for(std::max(ctx.view_changed_at + kStepAnimationSeconds, notice.until) - ctx.now);
            window.render(palette().window_bg);
            if (ctx.requests.save_picture) {
                notice = {save_picture(window, ctx, layout, *ctx.requests.save_picture), ctx.now + 6.0};
                fmt::print("{}\n", notice.text);
            }

            if (capture) {
                int width = 0, height = 0;
                window.framebuffer_size(width, height);
                if (std::optional<std::string> error = save_framebuffer_png(options.screenshot_path, width, height)) {
                    app::print_error(*error);
                    exit_code = 1;
                }
                // Fewer steps than asked is a failure even with the picture saved: a script must notice.
                if (script->shortfall()) {
                    app::print_error(*script->shortfall());
                    exit_code = 1;
                }
                script->captured();
                break;
            }
            window.swap();
            if (!std::exchange(first_frame_shown, true)) report_first_frame_if_asked();
            remembered.follow_window(window);
            apply_requests(ctx.requests, lessons, language, timeline_shown);
            if (ctx.requests.theme) scale.style_from_theme();
            if (!ctx.requests.toggle_enlarged.empty())
                enlarged_panel = enlarged_panel == ctx.requests.toggle_enlarged ? std::string() : ctx.requests.toggle_enlarged;
            if (zoom && *zoom != scale.zoom()) {
                scale.set_zoom(*zoom, fonts);
                notice = {fmt::format(fmt::runtime(tr(Str::ZoomNotice)), std::lround(scale.zoom() * 100)), ctx.now + 2.0};
            }
            std::this_thread::sleep_until(frame_start + kFrameTime);
        }
        if (!write_trace_if_asked(options, lessons, language)) exit_code = 1;
        Settings now;
        now.zoom = scale.zoom();
        now.theme = current_theme();
        now.language = language;
        now.lesson = lessons.lesson() ? lessons.lesson()->id : std::string();
        now.timeline_shown = timeline_shown;
        remembered.save(now);
    }
    return exit_code;
}

}  // namespace ovlab::gui
