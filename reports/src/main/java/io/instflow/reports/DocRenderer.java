package io.instflow.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** Renders a {@link Doc} as one self-contained HTML file (charts inlined) or as Markdown. */
final class DocRenderer {

    private static final String STYLE =
            "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;"
                    + "max-width:1240px;color:#1d2330}h1{font-size:1.6em}h2{margin-top:1.6em;border-bottom:1px solid #d0d5dd;"
                    + "padding-bottom:.2em}table{border-collapse:collapse;margin:.6em 0;font-size:.9em}th,td{border:1px solid #d0d5dd;"
                    + "padding:.25em .6em;text-align:left}th{background:#f2f4f7}img{max-width:100%;height:auto;display:block;"
                    + "margin:.6em 0}";

    private DocRenderer() {}

    static String html(Doc doc, Path dir) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(doc.title))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body>\n<h1>")
                .append(escape(doc.title))
                .append("</h1>\n");
        for (Doc.Section s : doc.sections) {
            out.append("<h2 id=\"")
                    .append(anchor(s.title()))
                    .append("\">")
                    .append(escape(s.title()))
                    .append("</h2>\n");
            for (Doc.Block b : s.blocks()) {
                if (b instanceof Doc.Paragraph p) {
                    out.append("<p>").append(escape(p.text())).append("</p>\n");
                } else if (b instanceof Doc.Table t) {
                    out.append("<table><thead><tr>");
                    t.headers().forEach(h -> out.append("<th>").append(escape(h)).append("</th>"));
                    out.append("</tr></thead><tbody>\n");
                    for (List<String> row : t.rows()) {
                        out.append("<tr>");
                        row.forEach(c -> out.append("<td>").append(escape(c)).append("</td>"));
                        out.append("</tr>\n");
                    }
                    out.append("</tbody></table>\n");
                } else if (b instanceof Doc.Image i) {
                    String data =
                            Base64.getEncoder()
                                    .encodeToString(Files.readAllBytes(dir.resolve(i.file())));
                    out.append("<img alt=\"")
                            .append(escape(i.alt()))
                            .append("\" width=\"")
                            .append(i.width())
                            .append("\" height=\"")
                            .append(i.height())
                            .append("\" src=\"data:image/png;base64,")
                            .append(data)
                            .append("\">\n");
                }
            }
        }
        return out.append("</body></html>\n").toString();
    }

    static String markdown(Doc doc) {
        StringBuilder out = new StringBuilder("# ").append(doc.title).append("\n");
        for (Doc.Section s : doc.sections) {
            out.append("\n## ").append(s.title()).append("\n");
            for (Doc.Block b : s.blocks()) {
                out.append('\n');
                if (b instanceof Doc.Paragraph p) {
                    out.append(p.text()).append('\n');
                } else if (b instanceof Doc.Table t) {
                    out.append("| ")
                            .append(
                                    String.join(
                                            " | ",
                                            t.headers().stream().map(DocRenderer::cell).toList()))
                            .append(" |\n|");
                    t.headers().forEach(h -> out.append("---|"));
                    out.append('\n');
                    for (List<String> row : t.rows()) {
                        out.append("| ")
                                .append(
                                        String.join(
                                                " | ",
                                                row.stream().map(DocRenderer::cell).toList()))
                                .append(" |\n");
                    }
                } else if (b instanceof Doc.Image i) {
                    out.append("![").append(i.alt()).append("](").append(i.file()).append(")\n");
                }
            }
        }
        return out.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    /**
     * A section's anchor, so a link can open the report at it: "Paper strategies" →
     * paper-strategies.
     */
    static String anchor(String title) {
        return title.toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
