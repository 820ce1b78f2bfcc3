// The lesson list: every lesson of the registry, titled in the chosen language. Choosing one tears
// down the current run and starts the chosen lesson at step 0.
#include <algorithm>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "panel.h"
#include "widgets.h"

namespace ovlab::gui {
namespace {

// Titles read "Topic: details"; the list shows the topic, the toolbar and the tooltip the whole title.
std::string_view short_title(std::string_view title) {
    const size_t colon = title.find(':');
    return colon == std::string_view::npos ? title : title.substr(0, colon);
}

class LessonsPanel final : public Panel {
public:
    const char* id() const override { return "lessons"; }
    Str title() const override { return Str::LessonsTitle; }
    Str help() const override { return Str::LessonsHelp; }

    std::string empty_state(const GuiContext&) const override {
        return all_lessons().empty() ? tr(Str::LessonsEmpty) : std::string();
    }

    void draw_body(GuiContext& ctx) override {
        const Palette& p = palette();
        const float em = ImGui::GetFontSize();
        int number = 1;
        std::vector<float> row_tops;  // in the list's own coordinates, scrolling included
        std::optional<size_t> current_row;
        for (const LessonInfo& lesson : all_lessons()) {
            const bool current = ctx.lessons.lesson() == &lesson;
            ImGui::PushID(lesson.id.c_str());
            const ImVec2 start = ImGui::GetCursorScreenPos();
            if (current) current_row = row_tops.size();
            row_tops.push_back(ImGui::GetCursorPosY());
            const float width = ImGui::GetContentRegionAvail().x;
            const std::string title(short_title(lesson.title(ctx.language)));
            ImGui::PushFont(current ? ctx.fonts.bold : ctx.fonts.regular);
            const float title_height = ImGui::CalcTextSize(title.c_str(), nullptr, false, width - em * 2.0f).y;
            ImGui::PopFont();
            const float height = title_height + 10;
            if (ImGui::Selectable("##lesson", current, ImGuiSelectableFlags_None, ImVec2(width, height)) && !current)
                ctx.requests.open_lesson = &lesson;
            tooltip_for_last_item(fmt::format("{}\n{}", lesson.title(ctx.language), lesson.id));

            ImDrawList* draw = ImGui::GetWindowDrawList();
            if (current)
                draw->AddRectFilled(start, ImVec2(start.x + 4, start.y + height), to_u32(p.accent), 2.0f);
            const std::string number_text = fmt::format("{}", number++);
            draw->AddText(ctx.fonts.bold, em, ImVec2(start.x + 12, start.y + 5), to_u32(current ? p.accent : p.text_dim),
                          number_text.c_str());
            ImGui::SetCursorScreenPos(ImVec2(start.x + em * 2.0f, start.y + 5));
            ImGui::PushTextWrapPos(start.x - ImGui::GetWindowPos().x + width);
            ImGui::PushFont(current ? ctx.fonts.bold : ctx.fonts.regular);
            ImGui::TextUnformatted(title.c_str());
            ImGui::PopFont();
            ImGui::PopTextWrapPos();
            ImGui::SetCursorScreenPos(ImVec2(start.x, start.y + height + 4));
            ImGui::PopID();
        }
        // Room below the last lesson, so that any lesson can be brought to the middle with the list
        // starting at a whole row.
        ImGui::Dummy(ImVec2(1, ImGui::GetWindowHeight() * 0.5f));
        // A lesson opened another way (a number key, the command line) is scrolled into view, again
        // while the list's height or length settles in the first frames, then left to the student.
        const ScrollKey key{ctx.lessons.lesson(), ImGui::GetWindowHeight(), ImGui::GetScrollMaxY()};
        if (current_row && !(key == scrolled_for_)) {
            scroll_to_row(row_tops, *current_row);
            scrolled_for_ = key;
        }
    }

private:
    // Brings row `row` near the middle, with the list starting at a whole row: a title cut in half
    // at the top edge (the wrapped Korean titles were) reads as a different lesson.
    static void scroll_to_row(const std::vector<float>& row_tops, size_t row) {
        const float target = std::clamp(row_tops[row] - ImGui::GetWindowHeight() * 0.5f, 0.0f, ImGui::GetScrollMaxY());
        float first_shown = 0;  // the first row keeps the list's padding above it
        for (size_t i = 1; i < row_tops.size(); ++i)
            if (row_tops[i] <= target) first_shown = row_tops[i];
        ImGui::SetScrollY(first_shown);
    }

    struct ScrollKey {
        const LessonInfo* lesson = nullptr;
        float height = 0, scroll_max = 0;
        bool operator==(const ScrollKey&) const = default;
    };
    ScrollKey scrolled_for_;
};

}  // namespace

std::unique_ptr<Panel> make_lessons_panel() { return std::make_unique<LessonsPanel>(); }

}  // namespace ovlab::gui
