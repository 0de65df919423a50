/**
 * Figures of the course, rendered to {@link java.awt.image.BufferedImage} in one style that reads well
 * when projected ({@link org.dgm4j.plot.PlotStyle}): XChart line plots and loss curves
 * ({@link org.dgm4j.plot.LinePlot}), class-coloured scatter plots ({@link org.dgm4j.plot.ScatterPlot}),
 * grouped bars ({@link org.dgm4j.plot.BarPlot}), overlaid histograms
 * ({@link org.dgm4j.plot.HistogramPlot}), heat maps ({@link org.dgm4j.plot.HeatmapPlot}); and image
 * grids drawn pixel-exactly from NDArrays in [0, 1] ({@link org.dgm4j.plot.ImageGrid},
 * {@link org.dgm4j.plot.ImageGrids}), composed side by side with {@link org.dgm4j.plot.Images}.
 *
 * <pre>{@code
 * Notebook.show(LinePlot.lossCurves(history.table(), "epoch").render());
 * Notebook.show(ImageGrids.reconstructions(x, Activation.sigmoid(logits))); // ai.djl.nn.Activation
 * }</pre>
 */
package org.dgm4j.plot;
