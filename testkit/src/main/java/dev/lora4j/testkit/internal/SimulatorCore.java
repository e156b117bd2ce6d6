package dev.lora4j.testkit.internal;

import dev.lora4j.testkit.FaultPlan;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * What both simulators share: the server's life cycle (new, started, closed), the request journal,
 * the fault injector, the file store and the renderer.
 */
public final class SimulatorCore {

  private enum State { NEW, STARTED, CLOSED }

  private final String name;
  private final int port;
  private final RequestJournal journal = new RequestJournal();
  private final FaultInjector faults;
  private final FileStore files = new FileStore();
  private final ImageRenderer renderer = new ImageRenderer();
  private State state = State.NEW;
  private @Nullable LoopbackServer server;

  /**
   * Creates the shared parts.
   *
   * @param name the simulator's name, for messages
   * @param port the port to bind, 0 for an ephemeral one
   * @param plan the initial fault plan
   */
  public SimulatorCore(String name, int port, FaultPlan plan) {
    this.name = Objects.requireNonNull(name, "name");
    this.port = port;
    this.faults = new FaultInjector(plan);
  }

  /**
   * Binds the server unless already started.
   *
   * @param routes declares the routes
   * @throws IllegalStateException if already closed
   */
  public synchronized void start(Consumer<? super HttpServerRoutes> routes) {
    if (state == State.CLOSED) {
      throw new IllegalStateException(name + " is closed and cannot be restarted");
    }
    if (state == State.NEW) {
      server = LoopbackServer.bind(port, routes);
      state = State.STARTED;
    }
  }

  /**
   * The bound port.
   *
   * @return the port
   * @throws IllegalStateException if not started, or closed
   */
  public synchronized int port() {
    if (state != State.STARTED || server == null) {
      throw new IllegalStateException(
          name + (state == State.NEW ? " is not started: call start() first" : " is closed"));
    }
    return server.port();
  }

  /**
   * {@code scheme://127.0.0.1:PORT} plus a path.
   *
   * @param scheme {@code http} or {@code ws}
   * @param path a path starting with {@code '/'}, or empty
   * @return the URI
   * @throws IllegalStateException if not started, or closed
   */
  public URI uri(String scheme, String path) {
    return URI.create(scheme + "://" + LoopbackServer.HOST + ":" + port() + path);
  }

  /**
   * Closes the server and forgets the files; idempotent.
   *
   * @return {@code true} if this call closed it
   */
  public boolean close() {
    LoopbackServer toClose;
    synchronized (this) {
      if (state == State.CLOSED) {
        return false;
      }
      state = State.CLOSED;
      toClose = server;
      server = null;
    }
    if (toClose != null) {
      toClose.close();
    }
    files.clear();
    return true;
  }

  /** Blocks until the server is closed; returns at once if it never started. */
  public void awaitClose() {
    LoopbackServer current;
    synchronized (this) {
      current = server;
    }
    if (current != null) {
      current.awaitClose();
    }
  }

  /**
   * The request journal.
   *
   * @return the journal
   */
  public RequestJournal journal() {
    return journal;
  }

  /**
   * The fault injector.
   *
   * @return the injector
   */
  public FaultInjector faults() {
    return faults;
  }

  /**
   * The file store.
   *
   * @return the store
   */
  public FileStore files() {
    return files;
  }

  /**
   * The renderer.
   *
   * @return the renderer
   */
  public ImageRenderer renderer() {
    return renderer;
  }
}
