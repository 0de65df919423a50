package org.dgm4j.train;

import java.util.function.Supplier;

/** The JVM-wide default of {@link Progress#auto()}. */
final class DefaultProgress {

    static volatile Supplier<Progress> supplier = Progress::console;

    private DefaultProgress() {}
}
