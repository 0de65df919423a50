package org.dgm4j.metrics;

import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a latent traversal does to the decoded images, measured instead of judged by eye: for each
 * traversed dimension, the change of each {@link ImageMoments} measurement from the first to the last
 * traversal value, averaged over the base points and expressed in standard deviations of that
 * measurement over real images (so "slant +1.5" means the slant changes by 1.5 σ of real digits' slant).
 */
public final class TraversalEffects {

    /**
     * The measurements reported: ink, width, height and slant. The centre is left out: MNIST digits are
     * centred by their ink, so its spread over real digits is tiny and any shift would dominate.
     */
    public static final List<String> MEASUREMENTS = List.of("ink", "width", "height", "slant");

    private TraversalEffects() {}

    /**
     * One row per dimension of {@code dims}: its label ("z3"), the standardised change of each of
     * {@link #MEASUREMENTS}, and "strongest" naming the largest one with its sign.
     *
     * @param traversal moments of the traversal images, ordered (base, dimension, value) as
     *     {@code LatentTraversal.codes} orders them
     * @param bases number of base points
     * @param dims the traversed dimensions
     * @param values number of traversal values per dimension (≥ 2)
     * @param reference moments of real images, for the standard deviations (≥ 2 images)
     */
    public static Table table(List<ImageMoments> traversal, int bases, int[] dims, int values,
            List<ImageMoments> reference) {
        if (values < 2 || bases < 1 || traversal.size() != bases * dims.length * values) {
            throw new IllegalArgumentException("A traversal of " + bases + " base points x " + dims.length
                    + " dimensions x " + values + " values (>= 2) needs " + bases * dims.length * values
                    + " images, got " + traversal.size());
        }
        if (reference.size() < 2) {
            throw new IllegalArgumentException("Need at least 2 reference images, got " + reference.size());
        }
        Table table = Table.create("Effect of each latent traversal (change in standard deviations of real images)");
        StringColumn labels = StringColumn.create("dim");
        StringColumn strongest = StringColumn.create("strongest");
        DoubleColumn[] columns = new DoubleColumn[MEASUREMENTS.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = DoubleColumn.create(MEASUREMENTS.get(k));
        }
        double[] sigma = MEASUREMENTS.stream().mapToDouble(name -> std(reference, name)).toArray();
        for (int i = 0; i < dims.length; i++) {
            labels.append("z" + dims[i]);
            int best = 0;
            double[] effect = new double[columns.length];
            for (int k = 0; k < columns.length; k++) {
                String name = MEASUREMENTS.get(k);
                double change = 0;
                for (int b = 0; b < bases; b++) {
                    int first = (b * dims.length + i) * values;
                    change += traversal.get(first + values - 1).value(name) - traversal.get(first).value(name);
                }
                effect[k] = sigma[k] > 0 ? change / bases / sigma[k] : 0;
                columns[k].append(Math.round(effect[k] * 100) / 100.0);
                if (Math.abs(effect[k]) > Math.abs(effect[best])) {
                    best = k;
                }
            }
            strongest.append(String.format(Locale.ROOT, "%s %+.2f", MEASUREMENTS.get(best), effect[best]));
        }
        table.addColumns(labels);
        table.addColumns(columns);
        table.addColumns(strongest);
        return table;
    }

    /**
     * How cleanly the traversals of a {@link #table} separate the measurements: for each row (latent), the
     * share of its largest absolute effect in the sum of its absolute effects, averaged over the rows. 1 means
     * each latent moves one measurement only; 1/4 means every latent moves all four equally. NaN for a table
     * without rows (no active latent to traverse).
     */
    public static double separation(Table effects) {
        double sum = 0;
        for (int r = 0; r < effects.rowCount(); r++) {
            double largest = 0;
            double total = 0;
            for (String name : MEASUREMENTS) {
                double e = Math.abs(effects.doubleColumn(name).get(r));
                largest = Math.max(largest, e);
                total += e;
            }
            sum += total > 0 ? largest / total : 1.0 / MEASUREMENTS.size();
        }
        return effects.rowCount() == 0 ? Double.NaN : sum / effects.rowCount();
    }

    private static double std(List<ImageMoments> images, String name) {
        double mean = images.stream().mapToDouble(m -> m.value(name)).average().orElse(0);
        double ss = images.stream().mapToDouble(m -> (m.value(name) - mean) * (m.value(name) - mean)).sum();
        return Math.sqrt(ss / (images.size() - 1));
    }
}
