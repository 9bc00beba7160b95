// An email dropped anywhere on the intake form goes into its "Email file" box and is read at once ("Read the
// email"), so the form comes back filled in from it. Without JavaScript the officer chooses the file and presses
// the button. (No inline handlers: the Content-Security-Policy forbids them.)
const zone = document.querySelector("[data-email-drop]");
const input = zone && zone.querySelector("input[type=file]");
const read = zone && zone.querySelector("[data-email-read]");
const form = zone && zone.closest("form");
if (form && input && read) {
  const attachments = form.querySelector("#id_attachments");
  const isFile = (event) => Array.from(event.dataTransfer?.types || []).includes("Files");
  const onFileBox = (event) => event.target instanceof HTMLInputElement && event.target.type === "file";
  // A file let go of beside a file box would be opened by the browser, leaving the form and what was typed.
  for (const type of ["dragover", "drop"]) {
    document.addEventListener(type, (event) => {
      if (isFile(event) && !onFileBox(event)) event.preventDefault();
    });
  }
  form.addEventListener("dragover", (event) => {
    if (isFile(event) && !onFileBox(event)) zone.classList.add("cw-email-drop--over");
  });
  form.addEventListener("dragleave", (event) => {
    if (!form.contains(event.relatedTarget)) zone.classList.remove("cw-email-drop--over");
  });
  form.addEventListener("drop", (event) => {
    if (!isFile(event) || onFileBox(event)) return; // a file box takes its own files
    zone.classList.remove("cw-email-drop--over");
    const file = event.dataTransfer.files[0];
    if (!/\.(eml|msg)$/i.test(file?.name || "")) {
      input.focus();
      return; // not an email: the officer sees the box and its hint
    }
    const chosen = new DataTransfer();
    chosen.items.add(file);
    input.files = chosen.files;
    if (attachments && attachments.files.length) {
      read.focus(); // reading now would send the page back without the attachments chosen: the officer decides
      return;
    }
    form.requestSubmit(read);
  });
}
