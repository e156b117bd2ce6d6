package dev.lora4j.journal;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * PostgreSQL's {@code LISTEN} on a connection of its own; loaded only for PostgreSQL, so that
 * r2dbc-postgresql stays optional. A lost connection is opened again after {@code retry}; what was
 * notified in between is found by the watchers' polling fallback.
 */
final class PostgresNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresNotifications.class);

  private PostgresNotifications() {}

  static Flux<String> listen(ConnectionFactory direct, String channel, Duration retry) {
    return Flux.usingWhen(
            Mono.from(direct.create()),
            connection -> {
              PostgresqlConnection pg = (PostgresqlConnection) connection;
              return Flux.from(pg.createStatement("LISTEN " + channel).execute())
                  .flatMap(r -> r.getRowsUpdated())
                  .thenMany(pg.getNotifications())
                  .mapNotNull(n -> n.getParameter());
            },
            connection -> connection.close())
        .doOnError(e -> LOG.warn("journal notifications lost ({}); listening again in {} ms", e.toString(), retry.toMillis()))
        .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, retry))
        .repeatWhen(done -> done.delayElements(retry));
  }
}
