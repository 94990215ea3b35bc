package io.cift.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cift} command line: a parent command whose subcommands do the work. */
@Command(name = "cift", mixinStandardHelpOptions = true, version = "cift 0.1.0-SNAPSHOT",
        description = "CIFT command line: order book demo and replay, risk, analytics, events, tick data.",
        subcommands = {DemoCommand.class, ReplayCommand.class, RiskCommand.class, AnalyticsCommand.class,
                DbCommands.Db.class, DbCommands.Ingest.class, DbCommands.Sync.class, EventsCommand.class, TicksCommand.class, JournalCommands.Parent.class, FeedCommands.Parent.class,
                CommandLine.HelpCommand.class})
public final class CiftCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Read before parsing (logging is set up first); declared here so that every command accepts it. */
    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log state changes (INFO) too, not only warnings and errors, on stderr.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        configureLogging(args);
        System.exit(newCommandLine().execute(args));
    }

    /**
     * The command line's logger (slf4j-simple, configured by {@code simplelogger.properties}: warnings and
     * errors on stderr) logs INFO as well with {@code --verbose}; a level given as a system property wins.
     * slf4j is named its provider, so that it does not search the class path for one (about 10 ms of
     * every command that opens a journal), and its own notes are kept to warnings (it would say which provider
     * it was named); either given as a system property wins.
     */
    static void configureLogging(String[] args) {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "WARN");
            }
        }
        if (java.util.Arrays.asList(args).contains("--verbose")
                && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }

    /**
     * A command line with CIFT's error handling: a failure prints one line, not a stack trace.
     *
     * @return the configured command line
     */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new CiftCommand());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + io.cift.core.Redact.text(ex.getMessage()));
            return 1;
        });
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return run.execute(parseResult);
            } catch (OutOfMemoryError e) {
                parseResult.commandSpec().commandLine().getErr().println("cift: out of memory (" + e.getMessage()
                        + "): give the JVM more heap (CIFT_JAVA_OPTS=-Xmx...) or the command less to hold");
                return 1;
            } catch (Error e) {
                parseResult.commandSpec().commandLine().getErr().println("cift: " + io.cift.core.Redact.text(String.valueOf(e)));
                return 1;
            }
        });
        return cl;
    }
}
