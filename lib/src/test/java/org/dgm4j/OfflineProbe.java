package org.dgm4j;

import ai.djl.ndarray.NDManager;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Runs one PyTorch op through {@link Engines} and reports which network interfaces are up. Started by
 * {@link OfflineTest} inside a network namespace with no network ({@code unshare -n}); also usable by
 * hand: {@code unshare -n java -cp 'lib/target/kernel-classpath/*:lib/target/test-classes' org.dgm4j.OfflineProbe}.
 */
public final class OfflineProbe {

    private OfflineProbe() {}

    /** Prints {@code up-interfaces=N}, the engine line and {@code sum=15.0}; exits non-zero on failure. */
    public static void main(String[] args) {
        System.out.println("up-interfaces=" + upInterfaces());
        System.out.println("engine=" + Engines.describe());
        try (NDManager m = Engines.newManager()) {
            System.out.println("sum=" + m.arange(6f).sum().getFloat());
        }
    }

    /** Interfaces other than loopback that are up; Java reports none at all as an exception. */
    private static long upInterfaces() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(OfflineProbe::isUpAndNotLoopback).count();
        } catch (SocketException e) {
            return 0;
        }
    }

    private static boolean isUpAndNotLoopback(NetworkInterface nic) {
        try {
            return nic.isUp() && !nic.isLoopback();
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
