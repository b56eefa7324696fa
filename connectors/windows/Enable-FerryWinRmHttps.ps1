<#
.SYNOPSIS
    Prepares a Windows host for Ferry's WinRM connector: an HTTPS listener on 5986 with a certificate, the
    firewall opened for Ferry's address only, message encryption left required.

.DESCRIPTION
    Run once, elevated, on each host Ferry should reach through WinRM. Works on Windows PowerShell 2.0 and
    later (Windows Server 2008 with Exchange 2007 included): it uses winrm.cmd and netsh, not newer cmdlets.

    Certificate: pass -Thumbprint of a certificate in Cert:\LocalMachine\My that your CA issued for the host's
    FQDN (best: Ferry then checks it against the JDK's or your trust store). Without -Thumbprint, on Windows
    Server 2012 and later, a self-signed certificate for the FQDN is made; pin its thumbprint in hosts.yml.

    At the end it prints the lines for config/hosts.yml.

.EXAMPLE
    .\Enable-FerryWinRmHttps.ps1 -FerryAddress 10.20.0.15
.EXAMPLE
    .\Enable-FerryWinRmHttps.ps1 -FerryAddress 10.20.0.15 -Thumbprint 3AB4C2D1E0F9A8B7C6D5E4F3A2B1C0D9E8F7A6B5 -AllowBasic
#>
[CmdletBinding()]
param(
    # Ferry's IP address (or a range, as netsh takes it): only it may reach port 5986.
    [Parameter(Mandatory = $true)] [string] $FerryAddress,
    # A certificate of the host's FQDN in Cert:\LocalMachine\My; made self-signed when not given.
    [string] $Thumbprint,
    # Enable Basic auth (a local account, over HTTPS only). NTLM and Kerberos (Negotiate) are on by default.
    [switch] $AllowBasic,
    [int] $Port = 5986
)

$ErrorActionPreference = 'Stop'
$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw 'Run this script in an elevated PowerShell (Run as administrator).'
}

$fqdn = [Net.Dns]::GetHostEntry([Environment]::MachineName).HostName
Write-Host "Host: $fqdn"

# WinRM itself: service running and started with Windows. quickconfig also makes the HTTP listener on 5985,
# which Ferry can use with NTLM and message encryption; it does not allow unencrypted traffic.
& winrm.cmd quickconfig -quiet | Out-Null
Set-Service -Name WinRM -StartupType Automatic
Start-Service -Name WinRM

if (-not $Thumbprint) {
    if (-not (Get-Command New-SelfSignedCertificate -ErrorAction SilentlyContinue)) {
        throw 'New-SelfSignedCertificate is not available here (Windows Server 2008/2008 R2). Request a certificate for ' +
            "$fqdn from your CA (Server Authentication), then run again with -Thumbprint."
    }
    $cert = New-SelfSignedCertificate -DnsName $fqdn, ([Environment]::MachineName) -CertStoreLocation Cert:\LocalMachine\My
    $Thumbprint = $cert.Thumbprint
    Write-Host "Made a self-signed certificate for $fqdn, thumbprint $Thumbprint"
} else {
    $Thumbprint = $Thumbprint -replace '[\s:]', ''
    $cert = Get-ChildItem Cert:\LocalMachine\My | Where-Object { $_.Thumbprint -eq $Thumbprint }
    if (-not $cert) { throw "No certificate with thumbprint $Thumbprint in Cert:\LocalMachine\My." }
    if (-not $cert.HasPrivateKey) { throw "The certificate $Thumbprint has no private key on this host." }
}

# The HTTPS listener: replaced if one exists, so that it uses this certificate.
& winrm.cmd delete "winrm/config/Listener?Address=*+Transport=HTTPS" 2>$null | Out-Null
& winrm.cmd create "winrm/config/Listener?Address=*+Transport=HTTPS" "@{Hostname=`"$fqdn`";CertificateThumbprint=`"$Thumbprint`";Port=`"$Port`"}"
if ($LASTEXITCODE -ne 0) { throw "winrm could not create the HTTPS listener (exit code $LASTEXITCODE)." }

# Auth: Negotiate (NTLM, Kerberos) stays on; Basic only when asked; unencrypted traffic stays refused.
& winrm.cmd set winrm/config/service/auth "@{Basic=`"$(if ($AllowBasic) { 'true' } else { 'false' })`"}" | Out-Null
& winrm.cmd set winrm/config/service "@{AllowUnencrypted=`"false`"}" | Out-Null
# A long Update-AddressList keeps a shell busy for hours: let idle shells live 2 hours (the default is 2 hours
# on newer Windows, 15 minutes on some older ones).
& winrm.cmd set winrm/config/winrs "@{IdleTimeout=`"7200000`"}" | Out-Null

# Firewall: 5986 from Ferry only.
& netsh.exe advfirewall firewall delete rule name="Ferry WinRM HTTPS" | Out-Null
& netsh.exe advfirewall firewall add rule name="Ferry WinRM HTTPS" dir=in action=allow protocol=TCP localport=$Port remoteip=$FerryAddress | Out-Null

# A remote user that is a local administrator gets a filtered token over the network unless this is set;
# domain accounts in Administrators are not affected. Needed for local accounts with Basic.
if ($AllowBasic) {
    New-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System' `
        -Name LocalAccountTokenFilterPolicy -Value 1 -PropertyType DWord -Force | Out-Null
}

Write-Host ''
Write-Host 'Listeners:'
& winrm.cmd enumerate winrm/config/listener
Write-Host ''
Write-Host 'Add to Ferry''s config/hosts.yml (and put the password where the credential reference points):'
Write-Host "  $(([Environment]::MachineName).ToLower()):"
Write-Host "    address: $fqdn"
Write-Host '    transport: winrm'
Write-Host "    port: $Port"
Write-Host "    auth: $(if ($AllowBasic) { 'basic' } else { 'ntlm' })"
Write-Host '    user: DOMAIN\svc-ferry'
Write-Host "    credential: env:FERRY_$((([Environment]::MachineName) -replace '[^A-Za-z0-9]', '_').ToUpper())_PASSWORD"
Write-Host "    tls: { thumbprint: `"$Thumbprint`" }     # or leave out tls when your CA is in Ferry's trust store"
