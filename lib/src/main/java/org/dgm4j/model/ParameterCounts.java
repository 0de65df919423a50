package org.dgm4j.model;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** Counting and listing the parameters of an initialised block. */
public final class ParameterCounts {

    private ParameterCounts() {}

    /** Total number of scalar parameters; the block must be initialised. */
    public static long count(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            total += shapeSize(p.getKey(), p.getValue());
        }
        return total;
    }

    /** One line per parameter tensor (name, shape, size) and a total line, for printing. */
    public static String summary(Block block) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            long size = shapeSize(p.getKey(), p.getValue());
            total += size;
            out.append(String.format("%-48s %-18s %,12d%n", p.getKey(), p.getValue().getShape(), size));
        }
        return out.append(String.format("%-67s %,12d%n", "total", total)).toString();
    }

    private static long shapeSize(String name, Parameter p) {
        if (p.getShape() == null) {
            throw new IllegalStateException("parameter " + name + " has no shape yet: initialise the block"
                    + " first (for a VAE: vae.initialize(manager))");
        }
        return p.getShape().size();
    }
}
