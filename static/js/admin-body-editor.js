/* The document body's editor in the admin: Quill (static/vendor/quill, see its README)
   over the body textarea. Without JavaScript the textarea stays, and plain text is laid
   out as paragraphs and headings when saved (documents/body_text.py), so either way the
   public page shows the structure the drafter typed.

   The textarea is written only once the drafter changes something, so opening and
   saving a document does not record an edit of its body. */
(function () {
  "use strict";

  var textarea = document.querySelector("textarea.document-body-input");
  if (!textarea || !window.Quill) {
    return;
  }

  // [toolbar button, its accessible name, its visible text (for the buttons Quill has no icon for)]
  var BUTTONS = [
    ["button.ql-bold", "加粗"],
    ['button.ql-list[value="ordered"]', "编号列表"],
    ['button.ql-list[value="bullet"]', "项目符号列表"],
    ["button.ql-table-insert", "插入表格（3行3列）", "表格"],
    ["button.ql-table-row", "在下方插入一行", "+行"],
    ["button.ql-table-column", "在右侧插入一列", "+列"],
    ["button.ql-table-delete-row", "删除所在行", "−行"],
    ["button.ql-table-delete-column", "删除所在列", "−列"],
    ["button.ql-table-delete", "删除表格", "删表"],
    ["button.ql-clean", "清除格式"]
  ];

  var holder = document.createElement("div");
  holder.className = "document-body-editor";
  var area = document.createElement("div");
  holder.appendChild(area);
  textarea.parentNode.insertBefore(holder, textarea);

  function table() {
    return quill.getModule("table");
  }

  function inTable(action) {
    return function () {
      quill.focus();
      action();
    };
  }

  function insertTable() {
    // On a line of its own: the editor would otherwise pull the current line into the first cell.
    var range = quill.getSelection(true);
    var line = quill.getLine(range.index)[0];
    if (line && line.length() > 1) {
      var end = quill.getIndex(line) + line.length() - 1;
      quill.insertText(end, "\n", "user");
      quill.setSelection(end + 1, 0, "silent");
    }
    table().insertTable(3, 3);
  }

  var quill = new window.Quill(area, {
    theme: "snow",
    modules: {
      table: true,
      toolbar: {
        container: [
          [{ header: [2, 3, false] }],
          ["bold"],
          [{ list: "ordered" }, { list: "bullet" }],
          ["table-insert", "table-row", "table-column", "table-delete-row", "table-delete-column", "table-delete"],
          ["clean"]
        ],
        handlers: {
          "table-insert": inTable(insertTable),
          "table-row": inTable(function () { table().insertRowBelow(); }),
          "table-column": inTable(function () { table().insertColumnRight(); }),
          "table-delete-row": inTable(function () { table().deleteRow(); }),
          "table-delete-column": inTable(function () { table().deleteColumn(); }),
          "table-delete": inTable(function () { table().deleteTable(); })
        }
      }
    }
  });

  // The editor's tables have no header cells: open a header row as an ordinary row
  // rather than let the editor run its cells together.
  var stored = textarea.value.replace(/<(\/?)th\b/gi, "<$1td").replace(/<\/?thead\b[^>]*>/gi, "");
  quill.setContents(quill.clipboard.convert({ html: stored, text: "\n" }), "silent");
  quill.history.clear();
  quill.root.setAttribute("aria-label", "正文");
  quill.root.setAttribute("aria-multiline", "true");
  quill.root.setAttribute("role", "textbox");
  textarea.hidden = true;

  var toolbar = holder.querySelector(".ql-toolbar");
  if (toolbar) {
    toolbar.setAttribute("aria-label", "正文格式");
    BUTTONS.forEach(function (entry) {
      Array.prototype.forEach.call(toolbar.querySelectorAll(entry[0]), function (button) {
        button.setAttribute("aria-label", entry[1]);
        button.title = entry[1];
        if (entry[2]) {
          button.textContent = entry[2];
          button.classList.add("document-body-editor__text-button");
        }
      });
    });
    var picker = toolbar.querySelector(".ql-picker.ql-header .ql-picker-label");
    if (picker) {
      picker.setAttribute("aria-label", "段落样式");
    }
  }

  function bodyHtml() {
    if (quill.getText().trim() === "" && !quill.root.querySelector("table")) {
      return "";
    }
    // Quill writes every space as &nbsp;: keep ordinary spaces.
    return quill.getSemanticHTML().replace(/&nbsp;/g, " ");
  }

  var changed = false;
  quill.on("text-change", function (delta, old, source) {
    if (source !== "silent") {
      changed = true;
    }
    if (changed) {
      textarea.value = bodyHtml();
    }
  });
  if (textarea.form) {
    textarea.form.addEventListener("submit", function () {
      if (changed) {
        textarea.value = bodyHtml();
      }
    });
  }
})();
