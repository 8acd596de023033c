package dev.amortizer.cli;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Jars of task plugins ({@code dev.amortizer.task.TaskProvider}) named by {@code --plugin JAR} anywhere on the
 * command line (taken out before the command is parsed, so every command accepts it) and by the path list of
 * {@value #VARIABLE}; they are put on a class loader that the task resolver's ServiceLoader searches.
 *
 * @param jars the plugin jars, each checked to be a readable file
 * @param args the command line without the {@code --plugin} options
 */
record Plugins(List<Path> jars, String[] args) {
    /** The environment variable with plugin jars, separated as the platform separates paths ({@code :}). */
    static final String VARIABLE = "AMORTIZER_PLUGINS";
    static final String OPTION = "--plugin";

    Plugins {
        jars = List.copyOf(jars);
        args = args.clone();
    }

    /** The jars named in {@code args} and in {@code variable} (null: none); a missing jar is bad input. */
    static Plugins of(String[] args, String variable) {
        List<Path> jars = new ArrayList<>();
        if (variable != null && !variable.isBlank()) {
            for (String p : variable.split(java.io.File.pathSeparator)) {
                if (!p.isBlank()) {
                    jars.add(Inputs.file(VARIABLE, Path.of(p)));
                }
            }
        }
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) { // what follows is not options
                rest.addAll(List.of(args).subList(i, args.length));
                break;
            }
            if (args[i].equals(OPTION)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(OPTION + " needs a jar file");
                }
                jars.add(Inputs.file(OPTION, Path.of(args[++i])));
            } else if (args[i].startsWith(OPTION + "=")) {
                jars.add(Inputs.file(OPTION, Path.of(args[i].substring(OPTION.length() + 1))));
            } else {
                rest.add(args[i]);
            }
        }
        return new Plugins(jars, rest.toArray(String[]::new));
    }

    /** A class loader over the jars, delegating to {@code parent} first; {@code parent} itself when there are none. */
    ClassLoader loader(ClassLoader parent) {
        if (jars.isEmpty()) {
            return parent;
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(OPTION + " " + jars.get(i) + ": not a usable path (" + e.getMessage()
                        + ")", e);
            }
        }
        return new URLClassLoader("amortizer-plugins", urls, parent);
    }

    @Override
    public String[] args() {
        return args.clone();
    }
}
