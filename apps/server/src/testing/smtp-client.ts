import SMTPConnection from 'nodemailer/lib/smtp-connection';

/**
 * Sends raw bytes over a real SMTP session (EHLO, MAIL FROM, RCPT TO, DATA), as another mail server would: the
 * envelope is given as it is, the null sender `<>` included (from ''). Resolves with the server's answer, or with
 * the refusal (`responseCode`, `response`) instead of throwing, so tests can assert on it.
 */
export function sendRawMail(port: number, envelope: { from: string; to: string[] }, raw: Buffer | string): Promise<{ accepted: boolean; responseCode: number | null; response: string }> {
  return new Promise((resolve, reject) => {
    const connection = new SMTPConnection({ host: '127.0.0.1', port, ignoreTLS: true, connectionTimeout: 10_000 });
    connection.once('error', reject);
    connection.connect(() => {
      connection.send({ from: envelope.from, to: envelope.to }, raw, (error, info) => {
        connection.quit();
        if (error) resolve({ accepted: false, responseCode: error.responseCode ?? null, response: error.response ?? error.message });
        else resolve({ accepted: true, responseCode: 250, response: info.response });
      });
    });
  });
}
