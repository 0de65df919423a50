package org.dgm4j.notebook;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Displays through the Jupyter kernel this JVM runs in, reached by reflection so the library has no
 * compile-time dependency on any kernel. The kernel runs notebook code in its own JVM (JShell with
 * in-process execution), so its classes are visible to ours through the class-loader parent chain.
 *
 * <p>Supported kernels and how each exposes its instance:
 * <ul>
 *   <li>IJava 1.3.0 (and JJava 1.0-M1, which kept IJava's packages):
 *       {@code io.github.spencerpark.ijava.IJava.getKernelInstance()}, null outside a kernel;</li>
 *   <li>JJava 1.0-a6 and later: {@code org.dflib.jjava.jupyter.kernel.BaseKernel.notebookKernel()},
 *       which throws outside a kernel;</li>
 *   <li>JJava 1.0-M2 to 1.0-a5: {@code org.dflib.jjava.JJava.getKernelInstance()}.</li>
 * </ul>
 * All of them share the base-kernel protocol used here: {@code kernel.display(DisplayData)} to show,
 * {@code kernel.getIO().display.updateDisplay(String id, DisplayData)} to replace in place, and a
 * {@code DisplayData} with a no-argument constructor, {@code putData(String mime, Object data)} and
 * {@code setDisplayId(String)}. We build the {@code DisplayData} ourselves from a {@link MimeBundle},
 * so what reaches the front end does not depend on each kernel's renderer.
 */
public final class KernelDisplay implements Display {

    private record Locator(String kernelName, String className, String method) {}

    private static final List<Locator> LOCATORS = List.of(
            new Locator("IJava", "io.github.spencerpark.ijava.IJava", "getKernelInstance"),
            new Locator("JJava", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel"),
            new Locator("JJava", "org.dflib.jjava.JJava", "getKernelInstance"));

    private final String kernelName;
    private final Object kernel;
    private final Method display;
    private final Method getIO;
    private final Class<?> dataClass;
    private final Method putData;
    private final Method setDisplayId;

    /**
     * Wraps a kernel object that follows the base-kernel protocol described in the class comment.
     *
     * @throws IllegalArgumentException if the object lacks one of the methods the protocol needs
     */
    public KernelDisplay(String kernelName, Object kernel) {
        this.kernelName = kernelName;
        this.kernel = kernel;
        Class<?> k = kernel.getClass();
        try {
            this.display = findDisplayMethod(k);
            this.dataClass = display.getParameterTypes()[0];
            this.getIO = k.getMethod("getIO");
            this.putData = dataClass.getMethod("putData", String.class, Object.class);
            this.setDisplayId = dataClass.getMethod("setDisplayId", String.class);
            dataClass.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(kernelName + " kernel " + k.getName()
                    + " does not have the display API this library expects (" + e.getMessage()
                    + "); use IJava 1.3.0 or JJava", e);
        }
    }

    /** The display of the kernel this JVM runs in, or empty outside a (supported) kernel. */
    public static Optional<KernelDisplay> find() {
        for (Locator locator : LOCATORS) {
            Method accessor = Accessors.get(locator);
            if (accessor == null) {
                continue;
            }
            Object kernel;
            try {
                kernel = accessor.invoke(null);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue; // e.g. JJava's notebookKernel() throws when no kernel is running
            }
            if (kernel != null) {
                return Optional.of(new KernelDisplay(locator.kernelName(), kernel));
            }
        }
        return Optional.empty();
    }

    @Override
    public String show(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        invoke(display, kernel, toDisplayData(bundle, id));
        return id;
    }

    @Override
    public void update(String id, MimeBundle bundle) {
        Object io = invoke(getIO, kernel);
        try {
            Field streamField = io.getClass().getField("display");
            Object stream = streamField.get(io);
            Method update = stream.getClass().getMethod("updateDisplay", String.class, dataClass);
            invoke(update, stream, id, toDisplayData(bundle, id));
        } catch (NoSuchFieldException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(kernelName + " kernel has no display-update API (" + e
                    + "); use IJava 1.3.0 or JJava", e);
        }
    }

    @Override
    public String name() {
        return kernelName + " kernel";
    }

    @Override
    public boolean isNotebook() {
        return true;
    }

    private Object toDisplayData(MimeBundle bundle, String id) {
        Object data;
        try {
            data = dataClass.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + dataClass.getName() + " in the " + name(), e);
        }
        for (Map.Entry<String, String> entry : bundle.data().entrySet()) {
            invoke(putData, data, entry.getKey(), entry.getValue());
        }
        invoke(setDisplayId, data, id);
        return data;
    }

    private static Method findDisplayMethod(Class<?> kernelClass) throws NoSuchMethodException {
        for (Method m : kernelClass.getMethods()) {
            if (m.getName().equals("display") && m.getParameterCount() == 1
                    && m.getParameterTypes()[0].getSimpleName().equals("DisplayData")) {
                return m;
            }
        }
        throw new NoSuchMethodException(kernelClass.getName() + ".display(DisplayData)");
    }

    private Object invoke(Method method, Object target, Object... args) {
        try {
            return method.invoke(target, args);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot call " + method + " in the " + name(), e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException(name() + " failed in " + method.getName() + ": " + cause, cause);
        }
    }

    /** The static kernel accessors, looked up once per JVM (kernel classes do not come and go). */
    private static final class Accessors {
        private static final Map<Locator, Optional<Method>> METHODS = new ConcurrentHashMap<>();

        static Method get(Locator locator) {
            return METHODS.computeIfAbsent(locator, Accessors::lookup).orElse(null);
        }

        private static Optional<Method> lookup(Locator locator) {
            for (ClassLoader loader : loaders()) {
                try {
                    Class<?> c = Class.forName(locator.className(), false, loader);
                    return Optional.of(c.getMethod(locator.method()));
                } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
                    // try the next loader
                }
            }
            return Optional.empty();
        }

        private static List<ClassLoader> loaders() {
            List<ClassLoader> list = new ArrayList<>();
            list.add(KernelDisplay.class.getClassLoader());
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null) {
                list.add(context);
            }
            list.add(ClassLoader.getSystemClassLoader());
            return list;
        }
    }
}
