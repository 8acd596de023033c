package dev.amortizer.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command that draws at random has: the {@code --seed} option, and its command line's two consoles. */
abstract class SeededCommand implements Callable<Integer> {
    @Mixin
    SeedOption seed;
    @Spec
    CommandSpec spec;

    PrintWriter stdout() {
        return spec.commandLine().getOut();
    }

    PrintWriter stderr() {
        return spec.commandLine().getErr();
    }
}
