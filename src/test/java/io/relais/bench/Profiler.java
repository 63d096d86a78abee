package io.relais.bench;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU samples of one measured run, for "profile before you optimise": with {@code -Dbench.profile=<dir>} and
 * async-profiler's jar on the class path ({@code tools.profiler:async-profiler}, which unpacks its own native library;
 * {@code -Dbench.profile.lib} names another), each measured run writes {@code <dir>/<label>.collapsed}: every thread's
 * stacks (CPU timer, 1 ms; {@code -Dbench.profile.event=wall} for where threads wait), warm-up and set-up left out.
 * Without the property, nothing is loaded.
 */
final class Profiler implements AutoCloseable {

    private static final String DIR = System.getProperty("bench.profile");

    private final Object profiler;
    private final Path file;

    private Profiler(Object profiler, Path file) {
        this.profiler = profiler;
        this.file = file;
    }

    static Profiler start(String label) throws Exception {
        if (DIR == null) return new Profiler(null, null);
        Object profiler = Class.forName("one.profiler.AsyncProfiler").getMethod("getInstance", String.class)
                .invoke(null, System.getProperty("bench.profile.lib"));
        execute(profiler, "start,event=" + System.getProperty("bench.profile.event", "ctimer") + ",interval=1ms,threads");
        Files.createDirectories(Path.of(DIR));
        return new Profiler(profiler, Path.of(DIR, label + ".collapsed"));
    }

    private static String execute(Object profiler, String command) throws Exception {
        Method execute = profiler.getClass().getMethod("execute", String.class);
        return (String) execute.invoke(profiler, command);
    }

    @Override
    public void close() throws Exception {
        if (profiler == null) return;
        execute(profiler, "stop");
        execute(profiler, "collapsed,file=" + file);
        System.out.println("profile of the measured run: " + file);
    }
}
