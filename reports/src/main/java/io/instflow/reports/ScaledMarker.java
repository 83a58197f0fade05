package io.instflow.reports;

import org.knowm.xchart.style.markers.Marker;

import java.awt.Graphics2D;

/**
 * An XChart marker drawn at a multiple of the chart's marker size: signal markers sized by tier.
 */
final class ScaledMarker extends Marker {

    private final Marker shape;
    private final double scale;

    ScaledMarker(Marker shape, double scale) {
        this.shape = shape;
        this.scale = scale;
    }

    @Override
    public void paint(Graphics2D g, double x, double y, int size) {
        shape.paint(g, x, y, (int) Math.round(size * scale));
    }
}
