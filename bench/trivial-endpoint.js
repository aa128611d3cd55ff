// The floor a JVM stack is compared with (bench/levers.py): node's http module answering every POST with a fixed
// body, the same bytes the service answers the stock→ETFs query with. No framework, no parsing of the request.
const http = require("http");
const [port, bodyFile] = process.argv.slice(2);
const body = require("fs").readFileSync(bodyFile);
http.createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
    response.end(body);
  });
}).listen(Number(port), "127.0.0.1");
