// ONEiO's token + receiver flow and Octorate's code flow on the real https:// URLs with java.net.http, unmodified:
// the proxy and the trust store come from the JVM flags the start-up banner prints. Prints one JSON line.
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public class Flows {
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final Map<String, String> ENV = System.getenv();

  static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static HttpResponse<String> send(HttpRequest request) throws Exception {
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
    return response;
  }

  static HttpResponse<String> post(String url, String contentType, String body, String token) throws Exception {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) builder.header("Authorization", "Bearer " + token);
    return send(builder.build());
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|[0-9]+)").matcher(json);
    if (!m.find()) throw new IllegalStateException("no " + name + " in " + json);
    return m.group(2) != null ? m.group(2) : m.group(1);
  }

  public static void main(String[] args) throws Exception {
    String formType = "application/x-www-form-urlencoded";
    String token = post("https://receiver-authz-test.service-flow.com/oauth2/token", formType,
        form(Map.of("grant_type", "client_credentials", "client_id", ENV.get("ONEIO_CLIENT_ID"), "client_secret", ENV.get("ONEIO_CLIENT_SECRET"))), null).body();
    HttpResponse<String> receipt = post("https://rest-receiver-test.service-flow.com/api/v2", "application/json", "{\"id\":\"java\"}", field(token, "access_token"));

    String approval = post(ENV.get("DOUBLES_ADMIN_URL") + "/providers/octorate/authorize", "application/json",
        "{\"clientId\":\"" + ENV.get("OCTORATE_CLIENT_ID") + "\",\"redirectUri\":\"" + ENV.get("OCTORATE_REDIRECT_URI") + "\",\"state\":\"java\"}", null).body();
    Matcher code = Pattern.compile("[?&]code=([^&\"]+)").matcher(field(approval, "redirectUrl"));
    if (!code.find()) throw new IllegalStateException("no code in " + approval);
    String tokens = post("https://api.octorate.com/connect/rest/v1/identity/token", formType, form(Map.of(
        "client_id", ENV.get("OCTORATE_CLIENT_ID"), "client_secret", ENV.get("OCTORATE_CLIENT_SECRET"), "redirect_uri", ENV.get("OCTORATE_REDIRECT_URI"),
        "grant_type", "code", "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8))), null).body();
    HttpResponse<String> info = send(HttpRequest.newBuilder(URI.create("https://api.octorate.com/connect/rest/v1/user/info"))
        .header("Authorization", "Bearer " + field(tokens, "access_token")).build());

    System.out.println("{\"expires_in\":" + field(token, "expires_in") + ",\"receiver_status\":" + receipt.statusCode()
        + ",\"expireDate\":\"" + field(tokens, "expireDate") + "\",\"info_status\":" + info.statusCode() + "}");
  }
}
