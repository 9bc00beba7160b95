// An email dropped anywhere on the intake form goes into its "Email file" box and is read at once ("Read the
// email"), so the form comes back filled in from it. Without JavaScript the officer chooses the file and presses
// the button. (No inline handlers: the Content-Security-Policy forbids them.)
const zone = document.querySelector("[data-email-drop]");
const input = zone && zone.querySelector("input[type=file]");
const read = zone && zone.querySelector("[data-email-read]");
const form = zone && zone.closest("form");
if (form && input && read) {
  const isFile = (event) => Array.from(event.dataTransfer?.types || []).includes("Files");
  const attachments = form.querySelector("#id_attachments");
  form.addEventListener("dragover", (event) => {
    if (!isFile(event) || event.target === attachments) return; // the attachments box takes its own files
    event.preventDefault();
    zone.classList.add("cw-email-drop--over");
  });
  form.addEventListener("dragleave", (event) => {
    if (!form.contains(event.relatedTarget)) zone.classList.remove("cw-email-drop--over");
  });
  form.addEventListener("drop", (event) => {
    if (!isFile(event) || event.target === attachments) return;
    event.preventDefault();
    zone.classList.remove("cw-email-drop--over");
    const file = event.dataTransfer.files[0];
    if (!/\.(eml|msg)$/i.test(file?.name || "")) {
      input.focus();
      return; // not an email: the officer sees the box and the hint
    }
    const chosen = new DataTransfer();
    chosen.items.add(file);
    input.files = chosen.files;
    form.requestSubmit(read);
  });
}
