package io.instflow.reports;

import java.util.ArrayList;
import java.util.List;

/** A report as sections of paragraphs, tables and charts, rendered to HTML and to Markdown. */
final class Doc {

    sealed interface Block permits Paragraph, Table, Image {}

    record Paragraph(String text) implements Block {}

    record Table(List<String> headers, List<List<String>> rows) implements Block {}

    /** A chart: {@code file} relative to the report's directory. */
    record Image(String file, String alt, int width, int height) implements Block {}

    record Section(String title, List<Block> blocks) {}

    final String title;
    final List<Section> sections = new ArrayList<>();

    Doc(String title) {
        this.title = title;
    }

    Section section(String title) {
        Section s = new Section(title, new ArrayList<>());
        sections.add(s);
        return s;
    }
}
