<#
.SYNOPSIS
    Prepares a Windows host for Ferry's SSH connector: OpenSSH Server running, port 22 open for Ferry only,
    Ferry's public key authorized, and the host key fingerprint printed for Ferry's known_hosts.

.DESCRIPTION
    Run once, elevated, on Windows Server 2019 or later (OpenSSH Server is a Windows capability there; on older
    Windows install Win32-OpenSSH from its release package first, then run this script).

    Ferry runs "powershell.exe -NoProfile -NonInteractive -EncodedCommand ..." (or pwsh), so the default shell
    of sshd can stay cmd.exe.

.EXAMPLE
    .\Enable-FerryOpenSsh.ps1 -FerryAddress 10.20.0.15 -FerryPublicKey 'ssh-ed25519 AAAAC3... ferry'
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $FerryAddress,
    # Ferry's public key (one line of id_ed25519.pub). Leave out to log in with a password instead.
    [string] $FerryPublicKey,
    # The account Ferry logs in as is not a member of Administrators: its key goes to that account's own
    # .ssh\authorized_keys instead of administrators_authorized_keys.
    [switch] $NotAdministrator
)

$ErrorActionPreference = 'Stop'

$capability = Get-WindowsCapability -Online | Where-Object { $_.Name -like 'OpenSSH.Server*' }
if ($capability -and $capability.State -ne 'Installed') {
    Add-WindowsCapability -Online -Name $capability.Name | Out-Null
}
Set-Service -Name sshd -StartupType Automatic
Start-Service -Name sshd

$rule = Get-NetFirewallRule -Name 'Ferry-OpenSSH' -ErrorAction SilentlyContinue
if ($rule) { Remove-NetFirewallRule -Name 'Ferry-OpenSSH' }
New-NetFirewallRule -Name 'Ferry-OpenSSH' -DisplayName 'Ferry OpenSSH' -Direction Inbound -Protocol TCP `
    -LocalPort 22 -RemoteAddress $FerryAddress -Action Allow | Out-Null

if ($FerryPublicKey) {
    if (-not $NotAdministrator) {
        # sshd_config on Windows reads administrators' keys from here, and only if the file's ACL is strict.
        $file = Join-Path $env:ProgramData 'ssh\administrators_authorized_keys'
        Add-Content -Path $file -Value $FerryPublicKey
        & icacls.exe $file /inheritance:r /grant 'Administrators:F' /grant 'SYSTEM:F' | Out-Null
    } else {
        Write-Host 'Add the key to C:\Users\<account>\.ssh\authorized_keys of the account Ferry logs in as.'
    }
}

Write-Host ''
Write-Host 'Host key fingerprints (compare with what Ferry reports for an unknown host):'
Get-ChildItem (Join-Path $env:ProgramData 'ssh') -Filter 'ssh_host_*_key.pub' | ForEach-Object {
    & (Join-Path $env:WINDIR 'System32\OpenSSH\ssh-keygen.exe') -lf $_.FullName
}
$fqdn = [Net.Dns]::GetHostEntry([Environment]::MachineName).HostName
$key = Get-Content (Join-Path $env:ProgramData 'ssh\ssh_host_ed25519_key.pub')
Write-Host ''
Write-Host 'Add this line to Ferry''s known_hosts file (config/known_hosts unless the host names another):'
Write-Host "$fqdn $(($key -split ' ')[0..1] -join ' ')"
Write-Host ''
Write-Host 'And to config/hosts.yml:'
Write-Host "  $(([Environment]::MachineName).ToLower()):"
Write-Host "    address: $fqdn"
Write-Host '    transport: ssh'
Write-Host "    auth: $(if ($FerryPublicKey) { 'key' } else { 'password' })"
Write-Host '    user: DOMAIN\svc-ferry'
Write-Host "    credential: $(if ($FerryPublicKey) { 'file:/etc/ferry/id_ed25519' } else { 'env:FERRY_SSH_PASSWORD' })"
