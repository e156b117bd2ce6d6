package dev.lora4j.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A small HTTP forwarding proxy on 127.0.0.1: {@code CONNECT host:port} opens a tunnel, a request
 * with an absolute URI ({@code GET http://host:port/path}) is forwarded in origin form. It records
 * each request it received with its {@code Proxy-Authorization} header, can demand Basic
 * credentials (answering 407 otherwise), and can send a host name to another address, so that a
 * request for a name only the proxy knows proves it went through the proxy. The provider modules'
 * tests get it from this module's test jar. Thread-safe.
 */
public final class TestProxy implements AutoCloseable {

  /**
   * A request the proxy received.
   *
   * @param method {@code CONNECT}, or the method of a forwarded request
   * @param target {@code host:port} of a tunnel, or the absolute URI of a forwarded request
   * @param proxyAuthorization the {@code Proxy-Authorization} header, or {@code null}
   */
  public record Received(String method, String target, @Nullable String proxyAuthorization) {}

  private final ServerSocket server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final Map<String, String> hosts = new ConcurrentHashMap<>();
  private volatile @Nullable String expectedAuthorization;

  /**
   * Starts the proxy on an ephemeral port of 127.0.0.1.
   *
   * @throws IOException if it cannot listen
   */
  public TestProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptAll, "test-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Demands Basic credentials: a request without these gets 407.
   *
   * @param username the user name
   * @param password the password
   * @return this proxy
   */
  public TestProxy requireCredentials(String username, String password) {
    expectedAuthorization = basic(username, password);
    return this;
  }

  /**
   * Connects requests for {@code host} to {@code address} instead.
   *
   * @param host a host name clients ask for
   * @param address where the proxy connects them
   * @return this proxy
   */
  public TestProxy resolve(String host, String address) {
    hosts.put(host.toLowerCase(Locale.ROOT), address);
    return this;
  }

  /**
   * Returns the {@code Proxy-Authorization} value of Basic credentials.
   *
   * @param username the user name
   * @param password the password
   * @return {@code Basic <base64>}
   */
  public static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the port the proxy listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getLocalPort();
  }

  /**
   * Returns the requests received so far.
   *
   * @return an immutable snapshot, in arrival order
   */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /**
   * Stops listening and closes every connection.
   *
   * @throws IOException if closing fails
   */
  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  private void acceptAll() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        start(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      List<String> head = readHead(in);
      if (head.isEmpty()) {
        client.close();
        return;
      }
      String[] requestLine = head.get(0).split(" ");
      String authorization = header(head, "proxy-authorization");
      received.add(new Received(requestLine[0], requestLine[1], authorization));
      String expected = expectedAuthorization;
      if (expected != null && !expected.equals(authorization)) {
        out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        client.close();
        return;
      }
      if (requestLine[0].equals("CONNECT")) {
        Socket target = connect(requestLine[1]);
        out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        pipe(in, target, client);
      } else {
        URI uri = URI.create(requestLine[1]);
        Socket target = connect(uri.getHost() + ":" + (uri.getPort() == -1 ? 80 : uri.getPort()));
        StringBuilder forwarded = new StringBuilder();
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        forwarded.append(requestLine[0]).append(' ')
            .append(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery())
            .append(' ').append(requestLine[2]).append("\r\n");
        for (String line : head.subList(1, head.size())) {
          String name = line.substring(0, Math.max(0, line.indexOf(':'))).toLowerCase(Locale.ROOT);
          if (!name.startsWith("proxy-") && !name.equals("connection")) {
            forwarded.append(line).append("\r\n");
          }
        }
        forwarded.append("Connection: close\r\n\r\n");
        target.getOutputStream().write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
        pipe(in, target, client);
      }
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private Socket connect(String hostAndPort) throws IOException {
    int colon = hostAndPort.lastIndexOf(':');
    String host = hostAndPort.substring(0, colon);
    int port = Integer.parseInt(hostAndPort.substring(colon + 1));
    Socket target = new Socket(hosts.getOrDefault(host.toLowerCase(Locale.ROOT), host), port);
    sockets.add(target);
    return target;
  }

  /** Copies both ways until either side closes. */
  private void pipe(InputStream fromClient, Socket target, Socket client) throws IOException {
    InputStream fromTarget = target.getInputStream();
    OutputStream toClient = client.getOutputStream();
    start(() -> copy(fromTarget, toClient, client, target));
    copy(fromClient, target.getOutputStream(), client, target);
  }

  private static void copy(InputStream in, OutputStream out, Socket a, Socket b) {
    try {
      in.transferTo(out);
    } catch (IOException e) {
      // one side went away
    } finally {
      closeQuietly(a);
      closeQuietly(b);
    }
  }

  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return List.of();
  }

  private static @Nullable String header(List<String> head, String name) {
    for (String line : head.subList(1, head.size())) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
        return line.substring(colon + 1).strip();
      }
    }
    return null;
  }

  private static void start(Runnable task) {
    Thread thread = new Thread(task, "test-proxy-connection");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
