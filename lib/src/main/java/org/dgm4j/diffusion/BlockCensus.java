package org.dgm4j.diffusion;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of a parameter census: how many child blocks of a type a network has and how many scalar
 * parameters they hold together.
 *
 * @param type the block's class name, e.g. "ResidualBlock"
 * @param blocks number of such children
 * @param parameters scalars in them
 */
public record BlockCensus(String type, int blocks, long parameters) {

    /** The census of {@code network}'s direct children by type, sorted by type; the network must be initialised. */
    public static List<BlockCensus> byType(Block network) {
        Map<String, long[]> rows = new TreeMap<>();
        for (Pair<String, Block> child : network.getChildren()) {
            long[] row = rows.computeIfAbsent(child.getValue().getClass().getSimpleName(), k -> new long[2]);
            row[0]++;
            row[1] += size(child.getValue());
        }
        List<BlockCensus> out = new ArrayList<>();
        rows.forEach((type, row) -> out.add(new BlockCensus(type, (int) row[0], row[1])));
        return out;
    }

    /**
     * Every parameter's path in the block tree, dot-separated, e.g. {@code down.0.res.0.conv1.weight}
     * (DJL's own names carry a child-number prefix and underscores: {@code 05down.0.res.0_02conv1_weight}).
     */
    public static List<String> parameterNames(Block network) {
        List<String> names = new ArrayList<>();
        collect(network, "", names);
        return names;
    }

    private static void collect(Block block, String prefix, List<String> names) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            names.add(prefix + p.getKey());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), prefix + child.getKey().replaceFirst("^\\d+", "") + ".", names);
        }
    }

    private static long size(Block block) {
        long n = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getShape() == null) {
                throw new IllegalStateException("parameter " + p.getKey() + " has no shape: initialise the network first");
            }
            n += p.getValue().getShape().size();
        }
        return n;
    }
}
