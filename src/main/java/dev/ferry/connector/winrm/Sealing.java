package dev.ferry.connector.winrm;

/**
 * WinRM message encryption over HTTP with the session's security context (NTLM or Kerberos): what Windows
 * requires on port 5985, where unencrypted messages are refused.
 */
interface Sealing {

    String contentType();

    /** @return the multipart body that carries {@code soap} encrypted and signed */
    byte[] seal(byte[] soap) throws Exception;

    /**
     * @return the SOAP inside an encrypted answer
     * @throws Exception when the answer is not encrypted, or does not verify
     */
    byte[] unseal(byte[] body) throws Exception;
}
