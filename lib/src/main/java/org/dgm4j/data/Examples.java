package org.dgm4j.data;

import java.util.Arrays;

/** Picking representative examples, e.g. "one image of each digit" for traversals and reconstructions. */
public final class Examples {

    private Examples() {}

    /** Index of the first example of each class, in class order. */
    public static int[] firstIndexOfEachClass(ImageDataset data) {
        int[] first = new int[data.numClasses()];
        Arrays.fill(first, -1);
        int found = 0;
        for (int i = 0; i < data.size() && found < first.length; i++) {
            int label = data.label(i);
            if (first[label] < 0) {
                first[label] = i;
                found++;
            }
        }
        for (int c = 0; c < first.length; c++) {
            if (first[c] < 0) {
                throw new IllegalArgumentException(data.name() + " has no example of class " + c + " ("
                        + data.classNames().get(c) + "); use a larger subset");
            }
        }
        return first;
    }

    /** The first example of each class, in class order (example {@code c} has label {@code c}). */
    public static ImageDataset firstOfEachClass(ImageDataset data) {
        return data.select(firstIndexOfEachClass(data), data.name() + " (one of each class)");
    }
}
