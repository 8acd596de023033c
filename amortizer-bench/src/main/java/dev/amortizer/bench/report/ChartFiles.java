package dev.amortizer.bench.report;

import dev.amortizer.data.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/** Renders a chart as PNG and SVG (SVG through VectorGraphics2D), writes both atomically, and keeps them for the HTML pages. */
final class ChartFiles {
    private ChartFiles() {
    }

    /**
     * One rendered chart.
     *
     * @param name  the file name without extension
     * @param title the chart's title
     * @param png   the PNG bytes
     * @param svg   the SVG text
     */
    record Rendered(String name, String title, byte[] png, String svg) {
    }

    static Rendered render(XYChart chart, String name) throws IOException {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return new Rendered(name, chart.getTitle(), png, compact(svg.toString(StandardCharsets.UTF_8)));
    }

    /**
     * The SVG with coordinates rounded to 1/100 of a pixel. XChart draws text as outlines, so an SVG holds thousands
     * of coordinates that VectorGraphics2D writes with up to 16 digits; two decimals keep the drawing identical at
     * any sensible zoom and halve the file.
     */
    static String compact(String svg) {
        return svg.replaceAll("(\\.\\d{2})\\d+", "$1");
    }

    /** Renders {@code chart} and writes DIR/NAME.png and DIR/NAME.svg. */
    static Rendered write(XYChart chart, Path dir, String name) throws IOException {
        Rendered r = render(chart, name);
        AtomicFiles.write(dir.resolve(name + ".png"), out -> out.write(r.png()));
        AtomicFiles.writeString(dir.resolve(name + ".svg"), r.svg());
        return r;
    }
}
