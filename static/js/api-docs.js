/* 开放数据接口说明: draws the OpenAPI schema with the vendored Swagger UI. */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("swagger-ui");
    if (!root || typeof window.SwaggerUIBundle !== "function") {
      return;
    }
    window.SwaggerUIBundle({
      url: root.getAttribute("data-schema-url"),
      domNode: root,
      presets: [window.SwaggerUIBundle.presets.apis],
      // The page's own heading and lead already say what the API is; Swagger UI's
      // info block would add a second <h1> (the schema's title) to the page.
      plugins: [function () { return { wrapComponents: { info: function () { return function () { return null; }; } } }; }],
      layout: "BaseLayout",
      deepLinking: true,
      docExpansion: "list",
      defaultModelsExpandDepth: 0,
      supportedSubmitMethods: ["get"],
      // The public validator would send the schema to validator.swagger.io: never.
      validatorUrl: null
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
