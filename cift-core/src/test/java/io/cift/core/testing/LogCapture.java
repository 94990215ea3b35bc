package io.cift.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one class logs during a test, through the tests' slf4j binding (logback): attach with {@link #of},
 * read the events, close to detach. Thread-safe: events may come from any thread.
 */
public final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final boolean additive;
    private final List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            events.add(e);
        }
    };

    private LogCapture(Class<?> type, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(type);
        this.previous = logger.getLevel();
        this.additive = logger.isAdditive();
        logger.setLevel(level);
        logger.setAdditive(false);   // captured, not also printed
        appender.start();
        logger.addAppender(appender);
    }

    /**
     * Captures what a class logs at DEBUG and above.
     *
     * @param type the class whose logger to watch
     * @return the capture
     */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(type, Level.DEBUG);
    }

    /**
     * The formatted messages logged at a level that contain a text.
     *
     * @param level the level
     * @param text the text
     * @return the messages, in order
     */
    public List<String> messages(Level level, String text) {
        return events.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains(text)).toList();
    }

    /**
     * The formatted messages logged at a level.
     *
     * @param level the level
     * @return the messages, in order
     */
    public List<String> messages(Level level) {
        return messages(level, "");
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previous);
        logger.setAdditive(additive);
    }
}
